package dev.statelab.store;

import java.time.Duration;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;

/**
 * A Spring Session repository with the directory the admin endpoints and the session limit need: in
 * this process ({@link MemorySessionStore}) or in Redis ({@link RedisSessionStore}).
 */
public interface SessionStore extends FindByIndexNameSessionRepository<MapSession>, SessionDirectory {

    /**
     * Writes a session that has a single writer and is never taken under a lease (a control connection's
     * copy of its state): whole, over what the store holds, unless the session was ended meanwhile. A
     * {@link #save} outside a lease only creates.
     */
    void replace(MapSession session);

    /** The leases on this store's sessions, each held for at most {@code ttl} unless renewed. */
    SessionLeases leases(Duration ttl);
}
