package dev.statelab.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.session.MapSession;
import org.springframework.session.Session;

/**
 * Sessions in Redis, shared by every instance: each one a JSON document ({@link SessionJson}) under its
 * own key that expires with the session, and sorted sets of ids scored by expiry time (all sessions, the
 * sessions of each user, those waiting for a password). Counting, listing and purging read those sets,
 * so nothing depends on keyspace notifications. A request's save under its lease waits for the release
 * and goes with it, fenced, in one script ({@link RedisSessionLeases}): a session that was ended meanwhile
 * is not written back, and a save under a lease that is no longer ours fails ({@link LeaseLostException}).
 * Outside a lease a save only creates a session. What this instance last read or wrote of each session is
 * kept near ({@link NearCopies}), for requests that start optimistically without a lease.
 */
final class RedisSessionStore implements SessionStore {

    /** A session saved outside a lease (a new one, or a control connection's copy): only created, never overwritten. */
    private static final RedisScript<Long> CREATE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
            if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return -1 end
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
            return 1""", Long.class);
    /** A session with a single writer outside any lease (a control connection's copy): overwritten, unless ended. */
    private static final RedisScript<Long> REPLACE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
            return 1""", Long.class);
    private static final RedisScript<Long> END = RedisScript.of("""
            local v = redis.call('GET', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('ZREM', KEYS[3], ARGV[1])
            if not v then return 0 end
            redis.call('DEL', KEYS[1])
            local ok, doc = pcall(cjson.decode, v)
            if ok and type(doc) == 'table' and type(doc['user']) == 'string' then
              redis.call('ZREM', ARGV[4] .. doc['user'], ARGV[1])
            end
            redis.call('SET', KEYS[4], ARGV[2], 'PX', ARGV[3])
            return 1""", Long.class);
    /** Marks sessions whose key Redis already expired, if no instance touched them meanwhile. */
    private static final RedisScript<Long> PURGE = RedisScript.of("""
            local purged = 0
            for i = 3, #ARGV do
              local id = ARGV[i]
              local score = redis.call('ZSCORE', KEYS[1], id)
              if score and tonumber(score) <= tonumber(ARGV[1])
                  and redis.call('EXISTS', KEYS[3] .. 'session:' .. id) == 0 then
                redis.call('ZREM', KEYS[1], id)
                redis.call('ZREM', KEYS[2], id)
                redis.call('SET', KEYS[3] .. 'ended:' .. id, 'EXPIRED', 'PX', ARGV[2])
                purged = purged + 1
              end
            end
            return purged""", Long.class);
    private static final RedisScript<Long> LIVE_COUNT = RedisScript.of("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            return redis.call('ZCARD', KEYS[1])""", Long.class);

    private static final RedisScript<Long> MEMORY_USAGE = RedisScript.of("""
            return redis.call('MEMORY', 'USAGE', KEYS[1]) or 0""", Long.class);
    private static final int SAMPLE = 16;
    private static final RedisScript<Long> SAMPLED_USAGE = RedisScript.of("""
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf', 'LIMIT', 0, tonumber(ARGV[2]))
            local total, n = 0, 0
            for _, id in ipairs(ids) do
              local b = redis.call('MEMORY', 'USAGE', ARGV[3] .. id)
              if b then total = total + b; n = n + 1 end
            end
            if n == 0 then return 0 end
            return math.floor(total * redis.call('ZCOUNT', KEYS[1], ARGV[1], '+inf') / n)""", Long.class);

    private final SessionEnders enders = new SessionEnders();
    private final RedisCalls redis;
    private final RedisKeys keys;
    private final SessionJson documents;
    private final Duration idleTimeout;
    private final Duration rememberEndings;
    private final ScheduledExecutorService renewals;
    private final NearCopies copies;

    RedisSessionStore(RedisCalls redis, RedisKeys keys, SessionJson documents, Duration idleTimeout,
                      ScheduledExecutorService renewals) {
        this.redis = redis;
        this.keys = keys;
        this.documents = documents;
        this.idleTimeout = idleTimeout;
        this.rememberEndings = idleTimeout.multipliedBy(4).plusHours(1);
        this.renewals = renewals;
        this.copies = new NearCopies(idleTimeout, NearCopies.MAX_COPIES);
    }

    @Override
    public SessionLeases leases(Duration ttl) {
        return new RedisSessionLeases(redis, keys, ttl, renewals, this, copies);
    }

    @Override
    public MapSession createSession() {
        MapSession session = new MapSession();
        session.setMaxInactiveInterval(idleTimeout);
        return session;
    }

    @Override
    public void save(MapSession session) {
        String id = session.getId();
        boolean renamed = !id.equals(session.getOriginalId());
        if (renamed) {
            end(session.getOriginalId(), Ending.CLOSED);
        }
        HeldLease lease = renamed ? null : HeldLease.on(id);
        if (lease != null) {
            // fenced and written by the lease's release, in its round trip (RedisSessionLeases); Spring
            // Session saves on commit and again at the end, and the last one wins; none when nothing changed
            SessionContent content = SessionContent.of(session);
            if (content.equals(lease.savedFrom)) {
                return;
            }
            HeldLease.PendingSave document = document(session);
            lease.pending = document.text().equals(lease.loaded) ? null : document;
            lease.savedFrom = content;
            return;
        }
        write(CREATE, id, document(session));
    }

    @Override
    public void replace(MapSession session) {
        write(REPLACE, session.getId(), document(session));
    }

    /** The document a session is stored as, with what its write needs besides. */
    HeldLease.PendingSave document(MapSession session) {
        long ttl = Math.max(1, session.getMaxInactiveInterval().toMillis());
        String user = session.getAttribute(PRINCIPAL_NAME_INDEX_NAME);
        return new HeldLease.PendingSave(documents.write(session), user == null ? keys.pending() : keys.user(user), ttl,
                session.getLastAccessedTime().toEpochMilli() + ttl);
    }

    private void write(RedisScript<Long> script, String id, HeldLease.PendingSave document) {
        Long written = redis.script(script, List.of(keys.session(id), keys.all(), document.userKey(), keys.ended(id)),
                document.text(), String.valueOf(document.ttlMillis()), String.valueOf(document.expiresAt()), id);
        if (written != null && written == 1) {
            copies.holds(id, document.text());
        } else {
            copies.forget(id);
        }
    }

    @Override
    public @Nullable MapSession findById(String id) {
        HeldLease lease = HeldLease.on(id);
        if (lease == null) {
            return live(id, redis.call(() -> redis.template().opsForValue().get(keys.session(id))));
        }
        MapSession session = live(id, lease.current());
        if (session == null && lease.optimistic()) {
            // this instance's copy is over, but another instance may have kept the session alive
            lease.owner.upgrade(lease);
            session = live(id, lease.loaded);
        }
        lease.session = session;
        return session;
    }

    /** The session a document holds, unless it is unreadable or expired. */
    private @Nullable MapSession live(String id, @Nullable String text) {
        MapSession session = text == null ? null : documents.read(id, text);
        return session == null || session.isExpired() ? null : session;
    }

    /**
     * Makes a session this store handed to a request what a newer document says, in place, so the
     * request's own reference (Spring Session's wrapper holds it) sees it; the request's last access stays.
     * False when the document holds no live session.
     */
    boolean refresh(MapSession session, String text) {
        MapSession fresh = live(session.getId(), text);
        if (fresh == null) {
            return false;
        }
        for (String name : Set.copyOf(session.getAttributeNames())) {
            session.removeAttribute(name);
        }
        for (String name : fresh.getAttributeNames()) {
            session.setAttribute(name, fresh.getAttribute(name));
        }
        session.setCreationTime(fresh.getCreationTime());
        session.setMaxInactiveInterval(fresh.getMaxInactiveInterval());
        return true;
    }

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
        load(liveIds(keys.user(indexValue))).forEach(session -> found.put(session.getId(), session));
        return found;
    }

    @Override
    public Stream<Session> all() {
        return load(liveIds(keys.all())).stream().map(Session.class::cast);
    }

    @Override
    public long count() {
        Long live = redis.call(() -> redis.template().opsForZSet().count(keys.all(), now(), Double.POSITIVE_INFINITY));
        return live == null ? 0 : live;
    }

    @Override
    public boolean hasRoomFor(String user, int limit) {
        return liveCount(keys.user(user)) < limit;
    }

    @Override
    public boolean hasRoomForPendingLogin(int limit) {
        return liveCount(keys.pending()) < limit;
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
        enders.ended(id);
        copies.forget(id);
        HeldLease lease = HeldLease.on(id);
        if (lease != null) {
            lease.pending = null;
            lease.savedFrom = null;
        }
        Long ended = redis.script(END, List.of(keys.session(id), keys.all(), keys.pending(), keys.ended(id)),
                id, reason.name(), String.valueOf(rememberEndings.toMillis()), keys.user(""));
        return ended != null && ended == 1;
    }

    @Override
    public int endAll(Ending reason) {
        Set<String> ids = redis.call(() -> redis.template().opsForZSet().range(keys.all(), 0, -1));
        int ended = 0;
        for (String id : ids == null ? Set.<String>of() : ids) {
            if (end(id, reason)) {
                ended++;
            }
        }
        return ended;
    }

    @Override
    public int purgeExpired() {
        double now = now();
        Set<String> due = redis.call(() -> redis.template().opsForZSet().rangeByScore(keys.all(), Double.NEGATIVE_INFINITY, now));
        if (due == null || due.isEmpty()) {
            return 0;
        }
        List<Object> args = new ArrayList<>();
        args.add(String.valueOf((long) now));
        args.add(String.valueOf(rememberEndings.toMillis()));
        args.addAll(due);
        Long purged = redis.script(PURGE, List.of(keys.all(), keys.pending(), keys.prefix()), args.toArray());
        return purged == null ? 0 : purged.intValue();
    }

    @Override
    public @Nullable Ending endingOf(String id) {
        String reason = redis.call(() -> redis.template().opsForValue().get(keys.ended(id)));
        if (reason != null) {
            try {
                return Ending.valueOf(reason);
            } catch (IllegalArgumentException unknown) {
                return Ending.CLOSED;
            }
        }
        Double expiresAt = redis.call(() -> redis.template().opsForZSet().score(keys.all(), id));
        return expiresAt != null && expiresAt <= now() ? Ending.EXPIRED : null;
    }

    private Set<String> liveIds(String key) {
        Set<String> ids = redis.call(() -> redis.template().opsForZSet().rangeByScore(key, now(), Double.POSITIVE_INFINITY));
        return ids == null ? Set.of() : ids;
    }

    private long liveCount(String key) {
        Long live = redis.script(LIVE_COUNT, List.of(key), String.valueOf((long) now()));
        return live == null ? 0 : live;
    }

    private List<MapSession> load(Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> idList = List.copyOf(ids);
        List<String> texts = redis.call(() -> redis.template().opsForValue().multiGet(idList.stream().map(keys::session).toList()));
        List<MapSession> sessions = new ArrayList<>();
        for (int i = 0; texts != null && i < idList.size(); i++) {
            String text = texts.get(i);
            MapSession session = text == null ? null : documents.read(idList.get(i), text);
            if (session != null && !session.isExpired()) {
                sessions.add(session);
            }
        }
        return sessions;
    }

    private static double now() {
        return Instant.now().toEpochMilli();
    }

    @Override
    public @Nullable Footprint footprint(String id) {
        String key = keys.session(id);
        Long bytes = redis.script(MEMORY_USAGE, List.of(key));
        return bytes == null || bytes <= 0 ? null : new Footprint(key, bytes);
    }

    /** One round trip: {@code MEMORY USAGE} of at most {@code SAMPLE} live sessions, scaled to all of them. */
    @Override
    public long storedBytes() {
        Long bytes = redis.script(SAMPLED_USAGE, List.of(keys.all()), String.valueOf((long) now()),
                String.valueOf(SAMPLE), keys.prefix() + "session:");
        return bytes == null ? 0 : bytes;
    }
}
