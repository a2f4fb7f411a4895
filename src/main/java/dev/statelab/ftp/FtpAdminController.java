package dev.statelab.ftp;

import static dev.statelab.ftp.FtpReplyBody.JSON;
import static dev.statelab.ftp.FtpReplyBody.PROBLEM;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.ftp.engine.FtpReply;
import dev.statelab.ftp.engine.FtpSessionState;
import dev.statelab.store.SessionDirectory;
import dev.statelab.web.OpenApiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.session.Session;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For an admin: the live sessions and a way to end one or all ("the server forgets": only session state
 * goes, never a file). Sessions are named by a short hash of their token, so the list never hands out
 * tokens that would let the admin act as someone else.
 */
@RestController
@RequestMapping("/api/ftp/sessions")
@Tag(name = "FTP-style session admin", description = "ADMIN role only; others get 403")
@SecurityRequirement(name = OpenApiConfig.FTP_TOKEN)
@ApiResponse(responseCode = "401", description = "No live session: the X-Auth-Token is missing, expired, ended or unknown",
        content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "403", description = "The session's user is not an ADMIN",
        content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
class FtpAdminController {

    private final SessionDirectory sessions;
    private final FtpResponses responses;
    private final Clock clock = Clock.systemUTC();

    FtpAdminController(SessionDirectory sessions, FtpResponses responses) {
        this.sessions = sessions;
        this.responses = responses;
    }

    /** {@code via} is {@code http} for a session of the HTTP faces, {@code ftp-port} for a control connection. */
    record SessionSummary(String id, @Nullable String user, boolean loggedIn, @Nullable String remoteAddress,
                          String cwd, long idleSeconds, long commands, long bytesIn, long bytesOut, long stateBytes,
                          String via) {
    }

    record SessionList(int count, List<SessionSummary> sessions) {
    }

    @GetMapping
    @ApiResponse(responseCode = "200", description = "The live sessions", content = @Content(mediaType = JSON,
            schema = @Schema(implementation = SessionList.class)))
    @Operation(summary = "List live sessions: user, address, directory, idle time, bytes moved, state size")
    SessionList list() {
        List<SessionSummary> list = sessions.all().map(this::summary)
                .sorted(Comparator.comparing(SessionSummary::idleSeconds)).toList();
        return new SessionList(list.size(), list);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "End one session (its token answers 401 from then on)")
    @ApiResponse(responseCode = "200", description = "200: ended", content = @Content(mediaType = JSON,
            schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "404", description = "550: no live session with this id", content = @Content(mediaType = JSON,
            schema = @Schema(implementation = FtpReplyBody.class)))
    void end(@PathVariable String id, HttpServletResponse response) throws IOException {
        Optional<Session> found = sessions.all().filter(session -> shortId(session.getId()).equals(id)).findFirst();
        boolean ended = found.isPresent() && sessions.end(found.get().getId(), SessionDirectory.Ending.ENDED_BY_ADMIN);
        FtpReply reply = ended ? FtpReply.of(200, "Session " + id + " ended")
                : FtpReply.of(550, "No live session " + id);
        responses.write(response, FtpResponses.statusOf(reply.code()), FtpReplyBody.of(reply));
    }

    @DeleteMapping
    @ApiResponse(responseCode = "200", description = "200: how many sessions ended", content = @Content(mediaType = JSON,
            schema = @Schema(implementation = FtpReplyBody.class)))
    @Operation(summary = "End every session: the server forgets all clients (files stay)")
    void endAll(HttpServletResponse response) throws IOException {
        int ended = sessions.endAll(SessionDirectory.Ending.ENDED_BY_ADMIN);
        responses.write(response, HttpStatus.OK, FtpReplyBody.of(FtpReply.of(200, ended + " sessions ended")));
    }

    private SessionSummary summary(Session session) {
        FtpSessionState state = session.getAttribute(FtpExchange.STATE);
        FtpSessionState shown = state == null ? FtpSessionState.connected(null) : state;
        long idle = Duration.between(session.getLastAccessedTime(), clock.instant()).toSeconds();
        return new SessionSummary(shortId(session.getId()), shown.user(), shown.loggedIn(), shown.remoteAddress(),
                shown.cwd(), Math.max(0, idle), shown.commands(), shown.bytesIn(), shown.bytesOut(),
                SessionSizes.of(session), session.getAttribute(ControlConnectionSessions.VIA) instanceof String via
                        ? via : "http");
    }

    /** A short, stable name for a session that does not reveal its token. */
    static String shortId(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
