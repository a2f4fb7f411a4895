package dev.statelab.ftp;

import java.time.Duration;
import java.time.Instant;

import dev.statelab.ftp.engine.FtpSessionState;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;

/** {@link PortSessions} in the same store as the HTTP sessions, marked {@code via=ftp-port}. */
final class ControlConnectionSessions implements PortSessions {

    static final String VIA = "via";
    static final String FTP_PORT = "ftp-port";

    private final InMemorySessions sessions;

    ControlConnectionSessions(InMemorySessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String open(FtpSessionState state, Runnable onEnd) {
        MapSession session = sessions.createSession();
        // the connection has its own idle timeout; the listing lives exactly as long as the connection
        session.setMaxInactiveInterval(Duration.ofSeconds(-1));
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, state.user());
        session.setAttribute(VIA, FTP_PORT);
        session.setAttribute(FtpExchange.STATE, state);
        sessions.save(session);
        sessions.whenEnded(session.getId(), onEnd);
        return session.getId();
    }

    @Override
    public void update(String id, FtpSessionState state) {
        MapSession session = sessions.findById(id);
        if (session != null) {
            session.setAttribute(FtpExchange.STATE, state);
            session.setLastAccessedTime(Instant.now());
            sessions.save(session);
        }
    }

    @Override
    public void close(String id) {
        sessions.forgetWhenEnded(id);
        sessions.end(id, SessionDirectory.Ending.CLOSED);
    }
}
