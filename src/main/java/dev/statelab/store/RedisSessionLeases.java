package dev.statelab.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.session.MapSession;

/**
 * Leases in Redis: {@code SET lease NX PX ttl} with a token unique to this holder, taken together with the
 * session document in one script; renewed at least every half of the ttl while the request runs (only
 * while the token is still ours), and deleted at the end only if it is still ours, in the same script
 * that writes the request's save (fenced: a save under a lease that is no longer ours fails with
 * {@link LeaseLostException} and writes nothing). So a command under a lease costs two round trips: lease
 * and load, save and release. An instance that dies holding a lease blocks the session for at most the ttl.
 *
 * <p>An optimistic start costs one: it begins from this instance's copy of the document
 * ({@link NearCopies}) and writes with one compare-and-set, only while no lease is held and Redis still
 * holds that copy. When another instance changed the session, the request runs again once on the document
 * the compare returned; when a lease is held, or the second try fails too, it takes the lease as above.
 */
final class RedisSessionLeases implements SessionLeases {

    private static final RedisScript<List> TAKE = RedisScript.of("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return {1, redis.call('GET', KEYS[2]) or ''}
            end
            return {0}""", List.class);
    private static final RedisScript<Long> RENEW = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""", Long.class);
    /**
     * The release, with the request's save if it made one: only while the lease is still ours (else
     * nothing is written or deleted), and never for a session ended or expired meanwhile.
     * KEYS: lease, session, all, user (or pending), ended; ARGV: token, document ('' = no save), ttl ms,
     * expires at, id. Returns 1 written or released, 0 not written (ended), -2 the lease was not ours.
     */
    private static final RedisScript<Long> SAVE_AND_RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
            redis.call('DEL', KEYS[1])
            if ARGV[2] == '' then return 1 end
            if redis.call('EXISTS', KEYS[5]) == 1 or redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[5])
            return 1""", Long.class);
    /**
     * The write of an optimistic start: only while no lease is held and the session is still the document
     * the request started from. KEYS as {@link #SAVE_AND_RELEASE}; ARGV: the document started from, the new
     * one, ttl ms, expires at, id. Returns {1} written, {0} a lease is held, {2, document} changed meanwhile,
     * {-1} ended or expired.
     */
    private static final RedisScript<List> COMPARE_AND_SET = RedisScript.of("""
            if redis.call('EXISTS', KEYS[5]) == 1 then return {-1} end
            local stored = redis.call('GET', KEYS[2])
            if not stored then return {-1} end
            if redis.call('EXISTS', KEYS[1]) == 1 then return {0} end
            if stored ~= ARGV[1] then return {2, stored} end
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[5])
            return {1}""", List.class);
    private static final long WRITTEN = 1;
    private static final long LEASE_HELD = 0;
    private static final long CHANGED = 2;
    private static final long POLL_MILLIS = 10;

    private final RedisCalls redis;
    private final RedisKeys keys;
    private final Duration ttl;
    private final RedisSessionStore sessions;
    private final NearCopies copies;

    /** A token prefix of this instance: with a counter, unique among holders without a random draw per lease. */
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong issued = new AtomicLong();
    private final Set<HeldLease> held = ConcurrentHashMap.newKeySet();
    private final long renewAfterNanos;

    RedisSessionLeases(RedisCalls redis, RedisKeys keys, Duration ttl, ScheduledExecutorService renewals,
                       RedisSessionStore sessions, NearCopies copies) {
        this.redis = redis;
        this.keys = keys;
        this.ttl = ttl;
        this.sessions = sessions;
        this.copies = copies;
        // one task for all leases instead of one scheduled and cancelled per request: every sixth of the ttl
        // it renews the leases not renewed for a third of it, so none goes unrenewed for more than half
        this.renewAfterNanos = ttl.toNanos() / 3;
        long every = Math.max(1, ttl.toMillis() / 6);
        renewals.scheduleWithFixedDelay(this::renewDue, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public @Nullable Lease acquire(String sessionId, Duration wait) {
        HeldLease lease = HeldLease.hold(this, sessionId, null, null, deadline(wait));
        boolean taken = false;
        try {
            taken = take(lease);
        } finally {
            if (!taken) {
                lease.release();
            }
        }
        return taken ? closer(lease) : null;
    }

    @Override
    public @Nullable Lease acquireOptimistically(String sessionId, Duration wait) {
        String copy = copies.get(sessionId);
        if (copy == null) {
            return acquire(sessionId, wait);
        }
        return closer(HeldLease.hold(this, sessionId, null, copy, deadline(wait)));
    }

    @Override
    public void confirm(String sessionId) {
        HeldLease lease = HeldLease.on(sessionId);
        if (lease != null && lease.optimistic()) {
            takeOrFail(lease);
        }
    }

    @Override
    public boolean settle(String sessionId) {
        HeldLease lease = HeldLease.on(sessionId);
        MapSession session = lease == null ? null : lease.session;
        if (lease == null || session == null || !lease.optimistic()) {
            return true;
        }
        SessionContent content = SessionContent.of(session);
        HeldLease.PendingSave save = sessions.document(session);
        List<?> result = compareAndSet(lease, save);
        long code = code(result);
        if (code == WRITTEN) {
            lease.startFrom(save.text());
            lease.savedFrom = content;
            copies.holds(sessionId, save.text());
            return true;
        }
        if (code == CHANGED && lease.reruns == 0 && result.size() > 1) {
            String stored = String.valueOf(result.get(1));
            lease.reruns++;
            lease.startFrom(stored);
            copies.holds(sessionId, stored);
            if (!sessions.refresh(session, stored)) {
                throw gone(lease);
            }
            return false;
        }
        if (code == LEASE_HELD || code == CHANGED) {
            takeOrFail(lease);
            return false;
        }
        throw gone(lease);
    }

    /** The lease, or an exception that says why there is none; the request's session refreshed in place. */
    private void takeOrFail(HeldLease lease) {
        upgrade(lease);
        MapSession session = lease.session;
        if (lease.loaded == null || session != null && !sessions.refresh(session, lease.loaded)) {
            throw gone(lease);
        }
    }

    /** Turns an optimistic start into a lease, with the document Redis holds, or fails as busy. */
    void upgrade(HeldLease lease) {
        if (!take(lease)) {
            throw new SessionBusyException(hash(lease));
        }
    }

    /**
     * Takes the lease for this request, waiting until its deadline, with the document Redis holds: false
     * when it did not come.
     */
    private boolean take(HeldLease lease) {
        String token = instance + ':' + issued.incrementAndGet();
        while (true) {
            List<?> taken = redis.script(TAKE, List.of(keys.lease(lease.sessionId), keys.session(lease.sessionId)),
                    token, String.valueOf(ttl.toMillis()));
            if (taken != null && !taken.isEmpty() && Long.valueOf(1).equals(taken.get(0))) {
                String loaded = taken.size() > 1 && !"".equals(taken.get(1)) ? String.valueOf(taken.get(1)) : null;
                lease.token = token;
                lease.startFrom(loaded);
                lease.renewedAt = System.nanoTime();
                held.add(lease);
                copies.holds(lease.sessionId, loaded);
                return true;
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS) > lease.deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private Lease closer(HeldLease lease) {
        return () -> {
            held.remove(lease);
            lease.release();
            String token = lease.token;
            if (token == null) {
                closeOptimistic(lease);
            } else {
                closeLease(lease, token);
            }
        };
    }

    private void closeLease(HeldLease lease, String token) {
        HeldLease.PendingSave save = lease.pending;
        String id = lease.sessionId;
        if (lease.lost) {
            copies.forget(id);
            if (save != null) {
                throw lost(lease);
            }
            return;
        }
        Long released = save == null
                ? redis.script(SAVE_AND_RELEASE, List.of(keys.lease(id)), token, "")
                : redis.script(SAVE_AND_RELEASE, sessionKeys(id, save), token, save.text(),
                        String.valueOf(save.ttlMillis()), String.valueOf(save.expiresAt()), id);
        if (save == null || released == null) {
            return;
        }
        if (released == -2) {
            copies.forget(id);
            throw lost(lease);
        }
        copies.holds(id, released == WRITTEN ? save.text() : null);
    }

    /**
     * An optimistic start that made a change its command did not settle (its last access, when it ran
     * no command): written if the session is still as it started, else dropped, as what another request
     * wrote meanwhile is newer.
     */
    private void closeOptimistic(HeldLease lease) {
        HeldLease.PendingSave save = lease.pending;
        if (save == null || lease.lost) {
            return;
        }
        long code = code(compareAndSet(lease, save));
        if (code == WRITTEN) {
            copies.holds(lease.sessionId, save.text());
            return;
        }
        copies.forget(lease.sessionId);
        if (code != LEASE_HELD && code != CHANGED) {
            throw gone(lease);
        }
    }

    private List<?> compareAndSet(HeldLease lease, HeldLease.PendingSave save) {
        String id = lease.sessionId;
        // an optimistic start always has a document to compare: this instance's copy, or what the last compare returned
        String from = Objects.requireNonNull(lease.loaded);
        List<?> result = redis.script(COMPARE_AND_SET, sessionKeys(id, save), from, save.text(),
                String.valueOf(save.ttlMillis()), String.valueOf(save.expiresAt()), id);
        return result == null ? List.of() : result;
    }

    private List<String> sessionKeys(String id, HeldLease.PendingSave save) {
        return List.of(keys.lease(id), keys.session(id), keys.all(), save.userKey(), keys.ended(id));
    }

    private static long code(List<?> result) {
        return !result.isEmpty() && result.get(0) instanceof Long code ? code : -1;
    }

    private SessionGoneException gone(HeldLease lease) {
        copies.forget(lease.sessionId);
        lease.lost = true; // nothing this request saves after is written
        return new SessionGoneException(lease.sessionId);
    }

    private static LeaseLostException lost(HeldLease lease) {
        return new LeaseLostException(hash(lease));
    }

    private static String hash(HeldLease lease) {
        return Integer.toHexString(lease.sessionId.hashCode());
    }

    private static long deadline(Duration wait) {
        return System.nanoTime() + wait.toNanos();
    }

    private void renewDue() {
        long now = System.nanoTime();
        for (HeldLease lease : held) {
            if (now - lease.renewedAt >= renewAfterNanos && !lease.lost) {
                try {
                    renew(lease);
                } catch (RuntimeException e) {
                    // this lease's turn is lost, not the task's: one that threw would never run again
                }
            }
        }
    }

    private void renew(HeldLease lease) {
        String token = lease.token;
        if (token == null) {
            return;
        }
        lease.renewedAt = System.nanoTime();
        try {
            Long renewed = redis.script(RENEW, List.of(keys.lease(lease.sessionId)), token,
                    String.valueOf(ttl.toMillis()));
            if (renewed == null || renewed == 0) {
                lease.lost = true;
            }
        } catch (StoreUnavailableException e) {
            // the next renewal or the fenced save tells
        }
    }
}
