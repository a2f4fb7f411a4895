package dev.statelab.ftp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import dev.statelab.ftp.engine.FtpCommandEngine;
import dev.statelab.ftp.engine.FtpCommandLine;
import dev.statelab.ftp.engine.FtpFace;
import dev.statelab.ftp.engine.FtpOutcome;
import dev.statelab.ftp.engine.FtpReply;
import dev.statelab.ftp.engine.FtpSessionState;
import dev.statelab.ftp.engine.FtpUpload;
import dev.statelab.ftp.engine.FtpVerbs;
import dev.statelab.store.SessionDirectory;
import dev.statelab.store.SessionLeases;
import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * Where both HTTP faces meet the engine: it takes the state out of this request's session, runs the
 * command and puts the new state back, opening, renewing or ending the session as the command says.
 * The only class that touches the {@code HttpSession}: everything else asks here.
 */
final class FtpExchange {

    /** The one session attribute that holds the state (besides Spring Session's principal index). */
    static final String STATE = "ftp";

    private final FtpCommandEngine engine;
    private final SessionDirectory sessions;
    private final SessionLeases leases;
    private final int loginTimeoutSeconds;
    private final int maxPendingLogins;

    FtpExchange(FtpCommandEngine engine, SessionDirectory sessions, SessionLeases leases, FtpProperties properties) {
        this.engine = engine;
        this.sessions = sessions;
        this.leases = leases;
        this.loginTimeoutSeconds = (int) properties.loginTimeout().toSeconds();
        this.maxPendingLogins = properties.maxPendingLogins();
    }

    /**
     * The outcome of one command; a RETR's bytes are left to the caller to stream. A command that
     * reaches beyond its session runs under the session's lease; one that touches only the session may
     * have started from this instance's copy of it, and runs again when the store had a newer one.
     */
    FtpOutcome run(HttpServletRequest request, FtpFace face, FtpCommandLine line, @Nullable FtpUpload upload) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            FtpSessionState state = FtpSessionState.connected(request.getRemoteAddr());
            FtpOutcome outcome = engine.execute(face, state, line, upload);
            if (outcome.effect() == FtpOutcome.Effect.OPEN && !sessions.hasRoomForPendingLogin(maxPendingLogins)) {
                // a USER without a session costs memory until its login timeout: bound how many may wait
                return new FtpOutcome(FtpReply.of(421, "Too many logins are waiting for a password: try again later, "
                        + "or log in with one request at POST /api/ftp/session"), state, FtpOutcome.Effect.STAY, null);
            }
            apply(request, null, outcome);
            return outcome;
        }
        String id = session.getId();
        boolean mayRunAgain = FtpVerbs.onlyTouchesTheSession(line.verb());
        if (!mayRunAgain) {
            leases.confirm(id);
        }
        FtpOutcome outcome;
        do {
            outcome = engine.execute(face, stateOf(session, request), line, upload);
            apply(request, session, outcome);
        } while (mayRunAgain && !leases.settle(id));
        return outcome;
    }

    /**
     * USER then PASS through the engine, from a fresh connection's state whatever the request carried:
     * a login always opens a new session, and a live token sent along is ended (no session fixation).
     */
    FtpOutcome login(HttpServletRequest request, String user, String password) {
        FtpOutcome named = engine.execute(FtpSessionState.connected(request.getRemoteAddr()),
                FtpCommandLine.of("USER", user), null);
        if (!named.reply().isPositive()) {
            return named;
        }
        FtpOutcome outcome = engine.execute(named.state(), FtpCommandLine.of("PASS", password), null);
        if (outcome.effect() == FtpOutcome.Effect.LOGIN) {
            apply(request, request.getSession(false), outcome);
        }
        return outcome;
    }

    /** After a download: the bytes actually sent join the session's counters. */
    void sent(HttpServletRequest request, long bytes) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(STATE, stateOf(session, request).plusBytesOut(bytes));
        }
    }

    /** The state of the session this request's token names; null when it names none. */
    static @Nullable FtpSessionState sessionState(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : stateOf(session, request);
    }

    /** The token of the session this request opened or carried; null when it has none. */
    static @Nullable String sessionToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getId();
    }

    /** What a shared store holds for this request's session ({@link SessionSizes}); 0 without one. */
    static long sessionBytes(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? 0 : SessionSizes.of(session.getId(), session.getAttribute(STATE),
                (String) session.getAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME));
    }

    private static FtpSessionState stateOf(HttpSession session, HttpServletRequest request) {
        return session.getAttribute(STATE) instanceof FtpSessionState state ? state
                : FtpSessionState.connected(request.getRemoteAddr());
    }

    private void apply(HttpServletRequest request, @Nullable HttpSession session, FtpOutcome outcome) {
        switch (outcome.effect()) {
            case STAY -> {
                if (session != null) {
                    session.setAttribute(STATE, outcome.state());
                }
            }
            case OPEN -> {
                HttpSession opened = session != null ? session : request.getSession(true);
                opened.setMaxInactiveInterval(loginTimeoutSeconds);
                opened.setAttribute(STATE, outcome.state());
            }
            case LOGIN -> {
                if (session != null) {
                    session.invalidate();
                }
                HttpSession fresh = request.getSession(true);
                fresh.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, outcome.state().user());
                fresh.setAttribute(STATE, outcome.state());
            }
            case CLOSE -> {
                if (session != null) {
                    session.invalidate();
                }
            }
        }
    }
}
