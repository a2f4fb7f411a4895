package dev.statelab.ftp;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.store.SessionDirectory;
import dev.statelab.users.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The 401 for a token that names no live session, saying why: expired (FTP's 421), ended by an
 * administrator, closed, or never issued. Answered when the token is checked, and when a request that
 * started from this instance's copy of its session finds the session gone as it saves.
 */
final class SessionRefusal {

    private final ProblemResponses problems;
    private final SessionDirectory sessions;
    private final String idleTimeout;

    SessionRefusal(ProblemResponses problems, SessionDirectory sessions, String idleTimeout) {
        this.problems = problems;
        this.sessions = sessions;
        this.idleTimeout = idleTimeout;
    }

    /** The problem responses of the FTP-style API, with its challenge. */
    ProblemResponses problems() {
        return problems;
    }

    void refuse(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        SessionDirectory.Ending ending = token.length() > FtpResponses.MAX_TOKEN_LENGTH ? null : sessions.endingOf(token);
        String type;
        String detail;
        if (ending == SessionDirectory.Ending.EXPIRED) {
            type = "session-expired";
            detail = "421 Service not available, closing control connection: this session expired after "
                    + idleTimeout + " without a command. Log in again at POST /api/ftp/session.";
        } else if (ending == SessionDirectory.Ending.ENDED_BY_ADMIN) {
            type = "session-ended";
            detail = "421 An administrator ended this session. Log in again at POST /api/ftp/session.";
        } else if (ending == SessionDirectory.Ending.CLOSED) {
            type = "session-ended";
            detail = "This session was closed (QUIT, or a new login replaced it). Log in again at POST /api/ftp/session.";
        } else {
            type = "unknown-token";
            detail = "This X-Auth-Token names no session: it was never issued, or its session ended long ago "
                    + "or before the server restarted. Log in at POST /api/ftp/session.";
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, FtpResponses.CHALLENGE);
        problems.write(request, response, HttpStatus.UNAUTHORIZED, type, detail);
    }
}
