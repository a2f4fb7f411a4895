package dev.statelab.ftp;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.ftp.engine.FtpSessionState;
import dev.statelab.store.SessionDirectory;
import dev.statelab.users.ProblemResponses;
import io.micrometer.core.instrument.Timer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the session a token names into this request's {@code Authentication}, from the state record
 * alone (no security context is stored in the session), so that role checks work through Spring
 * Security. A token that names no live session is refused here with a 401 that says why: expired (FTP's
 * 421), ended, or never issued. The login endpoint ignores a dead token: it opens a new session anyway.
 */
final class SessionTokenFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;
    private final SessionDirectory sessions;
    private final Timer checks;
    private final String idleTimeout;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionTokenFilter(ProblemResponses problems, SessionDirectory sessions, Timer checks, String idleTimeout) {
        this.problems = problems;
        this.sessions = sessions;
        this.checks = checks;
        this.idleTimeout = idleTimeout;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(FtpResponses.TOKEN_HEADER);
        if (token == null || token.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Timer.Sample sample = Timer.start();
        FtpSessionState state = FtpExchange.sessionState(request);
        if (state == null) {
            sample.stop(checks);
            if (isLogin(request)) {
                chain.doFilter(request, response);
            } else {
                refuse(request, response, token);
            }
            return;
        }
        if (state.loggedIn() && state.user() != null) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(state.user(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + state.role()))));
            contexts.setContext(context);
        }
        sample.stop(checks);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private static boolean isLogin(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/api/ftp/session".equals(request.getServletPath());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
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
