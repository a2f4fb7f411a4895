package dev.statelab.ftp;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.ftp.engine.FtpReply;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request the endpoints cannot even read answers an FTP reply too, like everything else under
 * {@code /api/ftp}: a missing parameter is FTP's 501, as the raw face answers {@code CWD} without a
 * path, and a login body that is not the JSON it should be says what to send.
 */
@RestControllerAdvice(assignableTypes = {CommandEndpointsController.class, FtpSessionController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class FtpRequestProblems {

    private final FtpResponses responses;

    FtpRequestProblems(FtpResponses responses) {
        this.responses = responses;
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    void missingParameter(MissingServletRequestParameterException e, HttpServletResponse response) throws IOException {
        reply(response, HttpStatus.BAD_REQUEST, "Syntax error in parameters: the query parameter '"
                + e.getParameterName() + "' is missing");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadableBody(HttpServletResponse response) throws IOException {
        reply(response, HttpStatus.BAD_REQUEST, "Syntax error in parameters: send a JSON body "
                + "{\"user\":\"…\",\"pass\":\"…\"} with Content-Type: application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    void unsupportedType(HttpServletResponse response) throws IOException {
        reply(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Syntax error in parameters: send a JSON body "
                + "{\"user\":\"…\",\"pass\":\"…\"} with Content-Type: application/json");
    }

    private void reply(HttpServletResponse response, HttpStatus status, String text) throws IOException {
        responses.write(response, status, FtpReplyBody.of(FtpReply.of(501, text)));
    }
}
