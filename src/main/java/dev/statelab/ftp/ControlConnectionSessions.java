package dev.statelab.ftp;

import java.time.Duration;
import java.time.Instant;

import dev.statelab.ftp.engine.FtpSessionState;
import dev.statelab.store.SessionDirectory;
import dev.statelab.store.SessionStore;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;

/**
 * {@link PortSessions} in the same store as the HTTP sessions, marked {@code via=ftp-port}. The state
 * itself lives in the control connection; the store holds a copy for the admin list and the per-user
 * limit. The copy expires after {@code listed} without a command (a long transfer, an instance that died);
 * the next command lists it again, unless an admin ended it, which closes the connection.
 */
final class ControlConnectionSessions implements PortSessions {

    static final String VIA = "via";
    static final String FTP_PORT = "ftp-port";

    private final SessionStore sessions;
    private final Duration listed;

    ControlConnectionSessions(SessionStore sessions, Duration listed) {
        this.sessions = sessions;
        this.listed = listed;
    }

    @Override
    public String open(FtpSessionState state, Runnable onEnd) {
        MapSession session = sessions.createSession();
        list(session, state);
        sessions.whenEnded(session.getId(), onEnd);
        return session.getId();
    }

    @Override
    public boolean update(String id, FtpSessionState state) {
        MapSession session = sessions.findById(id);
        if (session != null) {
            session.setAttribute(FtpExchange.STATE, state);
            session.setLastAccessedTime(Instant.now());
            sessions.replace(session);
        } else if (sessions.endingOf(id) == SessionDirectory.Ending.ENDED_BY_ADMIN) {
            sessions.forgetWhenEnded(id);
            return false;
        } else {
            list(new MapSession(id), state);
        }
        return true;
    }

    @Override
    public void close(String id) {
        sessions.forgetWhenEnded(id);
        sessions.end(id, SessionDirectory.Ending.CLOSED);
    }

    private void list(MapSession session, FtpSessionState state) {
        session.setMaxInactiveInterval(listed);
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, state.user());
        session.setAttribute(VIA, FTP_PORT);
        session.setAttribute(FtpExchange.STATE, state);
        sessions.replace(session);
    }
}
