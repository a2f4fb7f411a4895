package dev.statelab.ftp;

import static dev.statelab.ftp.FtpReplyBody.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.ftp.engine.FtpCommandLine;
import dev.statelab.ftp.engine.FtpFace;
import dev.statelab.ftp.engine.FtpReply;
import dev.statelab.web.OpenApiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The raw face: one FTP command line in the body, its reply back, as if typed into a control connection
 * by telnet. {@code USER} opens a short-lived session (its token comes back in X-Auth-Token) and
 * {@code PASS} replaces it with a logged-in one and a new token.
 */
@RestController
@Tag(name = "FTP-style commands")
class RawLineController {

    private final FtpExchange exchange;
    private final FtpResponses responses;
    private final int maxCommandLength;

    RawLineController(FtpExchange exchange, FtpResponses responses, FtpProperties properties) {
        this.exchange = exchange;
        this.responses = responses;
        this.maxCommandLength = properties.maxCommandLength();
    }

    @PostMapping("/api/ftp/command")
    @Operation(summary = "Run one raw FTP command line", description = """
            The body is one command line as text (`CWD docs`, `RNFR a.txt`, `USER demo`). The reply is the \
            FTP reply as JSON, with the HTTP status that fits its code; RETR streams the file instead, with \
            the reply in X-FTP-Reply. STOR and APPE need the file's bytes and so answer 425 here: use \
            PUT /api/ftp/stor or POST /api/ftp/appe. A line longer than the limit answers 500 and runs nothing.""",
            security = @SecurityRequirement(name = OpenApiConfig.FTP_TOKEN),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = "text/plain", schema = @Schema(type = "string"),
                    examples = @ExampleObject(value = "PWD"))))
    @ApiResponse(responseCode = "200", description = "A 1xx-3xx reply (RETR: the file's bytes, reply in X-FTP-Reply)",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "400", description = "500 unknown command or overlong line, 501 bad argument, 553 name not allowed",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "401", description = "530 not logged in (an FTP reply); or, as problem+json, a token "
            + "that names no live session", content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "404", description = "550 not taken", content = @Content(mediaType = JSON,
            schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "409", description = "503 bad sequence", content = @Content(mediaType = JSON,
            schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "429", description = "421 locked out, session limit, or too many logins waiting for PASS",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "501", description = "502 a known FTP command not implemented here, 504 unsupported TYPE",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    void command(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] line = readLine(request.getInputStream());
        if (line.length > maxCommandLength) {
            responses.write(response, HttpStatus.BAD_REQUEST, FtpReplyBody.of(FtpReply.of(500,
                    "Syntax error: the command line is longer than " + maxCommandLength + " bytes")));
            return;
        }
        FtpCommandLine command = FtpCommandLine.parse(new String(line, StandardCharsets.UTF_8));
        responses.write(request, response, exchange.run(request, FtpFace.RAW, command, null));
    }

    /** At most one byte past the limit is read, so an endless body costs nothing. */
    private byte[] readLine(InputStream body) throws IOException {
        return body.readNBytes(maxCommandLength + 1);
    }
}
