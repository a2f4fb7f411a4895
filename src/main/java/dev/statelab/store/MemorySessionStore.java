package dev.statelab.store;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session's {@link MapSessionRepository} over a map this class owns, plus the per-user index
 * that {@link FindByIndexNameSessionRepository} defines (so the session limit is a lookup, not a scan)
 * and a short memory of ended sessions (so a dead token gets a precise answer, and a request still in
 * flight when its session was ended cannot save it back).
 */
final class MemorySessionStore implements SessionStore {

    private static final int REMEMBERED_ENDINGS = 50_000;
    /** The local lock is all one process needs: a lease costs nothing. */
    private static final SessionLeases FREE = (sessionId, wait) -> () -> { };

    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<String>> idsByUser = new ConcurrentHashMap<>();
    /** Sessions without a principal: opened by a raw USER and waiting for PASS. */
    private final Set<String> pendingIds = ConcurrentHashMap.newKeySet();
    private final MapSessionRepository repository = new MapSessionRepository(sessions);
    private final Cache<String, Ending> endings;
    private final SessionEnders enders = new SessionEnders();

    /** Only to measure: what a shared store would keep for a session. */
    private final SessionJson documents;

    MemorySessionStore(Duration idleTimeout, SessionJson documents) {
        this.documents = documents;
        repository.setDefaultMaxInactiveInterval(idleTimeout);
        endings = Caffeine.newBuilder().maximumSize(REMEMBERED_ENDINGS)
                .expireAfterWrite(idleTimeout.multipliedBy(4).plusHours(1)).build();
    }

    @Override
    public MapSession createSession() {
        return repository.createSession();
    }

    @Override
    public SessionLeases leases(Duration ttl) {
        return FREE;
    }

    @Override
    public void replace(MapSession session) {
        save(session);
    }

    @Override
    public void save(MapSession session) {
        if (!sessions.containsKey(session.getOriginalId()) && endings.getIfPresent(session.getOriginalId()) != null) {
            return;
        }
        repository.save(session);
        String user = session.getAttribute(PRINCIPAL_NAME_INDEX_NAME);
        if (user == null) {
            pendingIds.add(session.getId());
        } else {
            // compute, not computeIfAbsent(..).add: atomic with the removal of an emptied set in end()
            idsByUser.compute(user, (name, ids) -> {
                Set<String> index = ids == null ? ConcurrentHashMap.newKeySet() : ids;
                index.add(session.getId());
                return index;
            });
        }
    }

    @Override
    public @Nullable MapSession findById(String id) {
        Session stored = sessions.get(id);
        if (stored != null && stored.isExpired()) {
            end(id, Ending.EXPIRED);
            return null;
        }
        return repository.findById(id);
    }

    /** Called by Spring Session when a session is invalidated: QUIT, or a login replacing it. */
    @Override
    public void deleteById(String id) {
        end(id, Ending.CLOSED);
    }

    @Override
    public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName)) {
            return Collections.emptyMap();
        }
        Map<String, MapSession> found = new LinkedHashMap<>();
        for (String id : idsByUser.getOrDefault(indexValue, Set.of())) {
            MapSession session = findById(id);
            if (session != null) {
                found.put(id, session);
            }
        }
        return found;
    }

    @Override
    public Stream<Session> all() {
        return sessions.values().stream().filter(session -> !session.isExpired());
    }

    @Override
    public long count() {
        return sessions.size();
    }

    private int countByUser(String user) {
        return idsByUser.getOrDefault(user, Set.of()).size();
    }

    @Override
    public boolean hasRoomFor(String user, int limit) {
        Set<String> ids = idsByUser.getOrDefault(user, Set.of());
        if (ids.size() < limit) {
            return true;
        }
        // at the limit: sessions that expired but were not purged yet must not count
        for (String id : ids) {
            Session session = sessions.get(id);
            if (session != null && session.isExpired()) {
                end(id, Ending.EXPIRED);
            }
        }
        return countByUser(user) < limit;
    }

    @Override
    public boolean hasRoomForPendingLogin(int limit) {
        if (pendingIds.size() < limit) {
            return true;
        }
        for (String id : pendingIds) {
            Session session = sessions.get(id);
            if (session == null) {
                pendingIds.remove(id);
            } else if (session.isExpired()) {
                end(id, Ending.EXPIRED);
            }
        }
        return pendingIds.size() < limit;
    }

    @Override
    public void whenEnded(String id, Runnable ender) {
        enders.whenEnded(id, ender);
    }

    @Override
    public void forgetWhenEnded(String id) {
        enders.forget(id);
    }

    @Override
    public boolean end(String id, Ending reason) {
        Session removed = sessions.remove(id);
        enders.ended(id);
        if (removed == null) {
            return false;
        }
        endings.put(id, reason);
        pendingIds.remove(id);
        String user = removed.getAttribute(PRINCIPAL_NAME_INDEX_NAME);
        if (user != null) {
            idsByUser.computeIfPresent(user, (name, ids) -> {
                ids.remove(id);
                return ids.isEmpty() ? null : ids;
            });
        }
        return true;
    }

    @Override
    public int endAll(Ending reason) {
        int ended = 0;
        for (String id : sessions.keySet()) {
            if (end(id, reason)) {
                ended++;
            }
        }
        return ended;
    }

    @Override
    public int purgeExpired() {
        int purged = 0;
        for (Map.Entry<String, Session> entry : sessions.entrySet()) {
            if (entry.getValue().isExpired() && end(entry.getKey(), Ending.EXPIRED)) {
                purged++;
            }
        }
        return purged;
    }

    @Override
    public @Nullable Ending endingOf(String id) {
        return endings.getIfPresent(id);
    }

    @Override
    public @Nullable Footprint footprint(String id) {
        MapSession session = findById(id);
        return session == null ? null : new Footprint("the memory of this process", jsonBytes(session));
    }

    @Override
    public long storedBytes() {
        return all().mapToLong(session -> jsonBytes(new MapSession(session))).sum();
    }

    private long jsonBytes(MapSession session) {
        return documents.write(session).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
