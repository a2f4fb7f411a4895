package dev.statelab.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error report, as a problem body instead of an HTML page. Tomcat answers some requests
 * before any servlet runs (a URL with bad percent-encoding such as {@code %zz}, bytes that are not UTF-8,
 * a malformed request line); the application's error page never sees those. Installed on the host in
 * place of {@link ErrorReportValve}; it writes only when nothing else wrote a body.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 400
                ? "The request is malformed, for example a URL with a bad percent-encoding (such as %zz) or with "
                        + "encoded bytes that are not UTF-8. Encode it properly and send it again."
                : status >= 500 ? "The server could not answer this request." : "The request was refused: " + title + ".";
        // fixed text only, nothing from the request: no escaping needed
        String body = "{\"type\":\"" + Problems.TYPE_BASE + "http-" + status + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over: nothing left to tell
        }
    }
}
