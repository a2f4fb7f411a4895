package dev.statelab.ftp;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.ftp.engine.FtpSessionState;
import io.micrometer.core.instrument.Timer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the session a token names into this request's {@code Authentication}, from the state record
 * alone (no security context is stored in the session), so that role checks work through Spring
 * Security. A token that names no live session is refused here with a 401 that says why
 * ({@link SessionRefusal}). The login endpoint ignores a dead token: it opens a new session anyway.
 */
final class SessionTokenFilter extends OncePerRequestFilter {

    private final SessionRefusal refusal;
    private final Timer checks;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionTokenFilter(SessionRefusal refusal, Timer checks) {
        this.refusal = refusal;
        this.checks = checks;
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
                refusal.refuse(request, response, token);
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
}
