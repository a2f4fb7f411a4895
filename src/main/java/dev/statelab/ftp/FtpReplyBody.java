package dev.statelab.ftp;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.statelab.ftp.engine.FtpReply;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An FTP reply as JSON, the same from every endpoint: {@code {"code":257,"text":"…","lines":[…]}};
 * {@code token} only on a successful login.
 */
@Schema(name = "FtpReply", description = "An FTP reply: code, text, and the lines of a multi-line reply")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record FtpReplyBody(
        @Schema(example = "257") int code,
        @Schema(example = "\"/docs\" is the current directory") String text,
        List<String> lines,
        @Nullable String token) {

    /** The media type of a reply, and of a problem, for the API description. */
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";

    static FtpReplyBody of(FtpReply reply) {
        return new FtpReplyBody(reply.code(), reply.text(), reply.lines(), null);
    }

    static FtpReplyBody withToken(FtpReply reply, String token) {
        return new FtpReplyBody(reply.code(), reply.text(), reply.lines(), token);
    }
}
