package dev.statelab.store;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;

/**
 * A Spring Session repository with the directory the admin endpoints and the session limit need: in
 * this process ({@link MemorySessionStore}) or in Redis ({@link RedisSessionStore}).
 */
public interface SessionStore extends FindByIndexNameSessionRepository<MapSession>, SessionDirectory {
}
