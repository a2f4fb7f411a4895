package dev.statelab.ftp;

import static dev.statelab.ftp.FtpReplyBody.JSON;
import static dev.statelab.ftp.FtpReplyBody.PROBLEM;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.ftp.engine.FtpCommandLine;
import dev.statelab.ftp.engine.FtpFace;
import dev.statelab.ftp.engine.FtpSessionState;
import dev.statelab.ftp.engine.SessionStatus;
import dev.statelab.web.OpenApiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Login (USER and PASS in one request), logout (QUIT) and a look at the whole session state. */
@RestController
@RequestMapping("/api/ftp/session")
@Tag(name = "FTP-style session", description = "Log in once; the server remembers you until QUIT or the idle timeout")
class FtpSessionController {

    private final FtpExchange exchange;
    private final FtpResponses responses;

    FtpSessionController(FtpExchange exchange, FtpResponses responses) {
        this.exchange = exchange;
        this.responses = responses;
    }

    record Login(@Schema(example = "demo") @Nullable String user, @Schema(example = "secret") @Nullable String pass) {
    }

    @PostMapping
    @Operation(summary = "Log in (USER + PASS)", description = """
            Answers 201 with FTP code 230 and a new token (in the body and in the X-Auth-Token header); \
            530 (HTTP 401) for a wrong password; 421 (HTTP 429) when locked out after failed logins or \
            when the user already has the most sessions allowed. Every login opens a new session; a live \
            token sent along is ended.""")
    @ApiResponse(responseCode = "201", description = "230: logged in; the token is in the body and in X-Auth-Token",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class), examples = @ExampleObject(value = """
                    {"code": 230, "text": "User demo logged in", "token": "3f2b9c1e-6d4a-4b8e-9a51-0c7d2e8f4a60"}""")),
            headers = @Header(name = FtpResponses.TOKEN_HEADER, description = "The new session's token",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "501: no user name, or a body that is not the login JSON",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "401", description = "530: wrong user name or password",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class), examples = @ExampleObject(value = """
                    {"code": 530, "text": "Login incorrect"}""")))
    @ApiResponse(responseCode = "415", description = "501: the body must be application/json",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "429", description = "421: locked out after failed logins, or the user's session limit reached",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    void login(@RequestBody Login login, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = login.user() == null ? "" : login.user();
        String pass = login.pass() == null ? "" : login.pass();
        responses.write(request, response, exchange.login(request, user, pass));
    }

    @DeleteMapping
    @Operation(summary = "QUIT: end the session", description = "Answers 221; the token is dead afterwards (401).",
            security = @SecurityRequirement(name = OpenApiConfig.FTP_TOKEN))
    @ApiResponse(responseCode = "200", description = "221: goodbye",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "401", description = "No live session: the X-Auth-Token is missing, expired, ended or unknown",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    void quit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        responses.write(request, response, exchange.run(request, FtpFace.RAW, FtpCommandLine.of("QUIT"), null));
    }

    /** The state as JSON, with the same field names whatever the record grows into. */
    record StateView(@Nullable String user, String cwd, @Nullable String pendingRename, long restartOffset,
                     String type, @Nullable String loginTime, @Nullable String remoteAddress, long commands,
                     long bytesIn, long bytesOut) {

        static StateView of(FtpSessionState state) {
            return new StateView(state.user(), state.cwd(), state.pendingRename(), state.restartOffset(),
                    String.valueOf(state.type()),
                    state.loginTime() == 0 ? null : Instant.ofEpochMilli(state.loginTime()).toString(),
                    state.remoteAddress(), state.commands(), state.bytesIn(), state.bytesOut());
        }
    }

    record SessionView(int code, String text, List<String> lines, StateView state, long stateBytes) {
    }

    @GetMapping
    @Operation(summary = "The whole session state (not a command: it changes nothing)", description = """
            Code 211 with the STAT lines, the state record as JSON and stateBytes: what a shared session \
            store would hold for this session (the Java-serialized state record, the session id and user \
            name as UTF-8, and 24 bytes for creation time, last access and timeout). Unlike STAT it does not \
            count as a command and does not clear a pending rename.""",
            security = @SecurityRequirement(name = OpenApiConfig.FTP_TOKEN))
    @ApiResponse(responseCode = "200", description = "211 with the state", content = @Content(mediaType = JSON,
            schema = @Schema(implementation = SessionView.class)))
    @ApiResponse(responseCode = "401", description = "No live session: the X-Auth-Token is missing, expired, ended or unknown",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    void state(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the security chain lets only requests of a logged-in session reach this
        FtpSessionState state = Objects.requireNonNull(FtpExchange.sessionState(request));
        long bytes = FtpExchange.sessionBytes(request);
        responses.write(response, HttpStatus.OK, new SessionView(211, "Status of this session",
                SessionStatus.lines(state), StateView.of(state), bytes));
    }
}
