package dev.statelab.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.session.MapSession;

/**
 * What a session's stored document is made of, compared by value: the state records kept in a session are
 * immutable, so two saves with equal content write the same document, and the second needs no JSON.
 */
record SessionContent(String id, Instant created, Instant accessed, long maxIdleSeconds,
        Map<String, Object> attributes) {

    static SessionContent of(MapSession session) {
        Map<String, Object> attributes = new HashMap<>();
        for (String name : session.getAttributeNames()) {
            Object value = session.getAttribute(name);
            if (value != null) {
                attributes.put(name, value);
            }
        }
        return new SessionContent(session.getId(), session.getCreationTime(), session.getLastAccessedTime(),
                session.getMaxInactiveInterval().toSeconds(), attributes);
    }
}
