package dev.statelab.store;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Leases in Redis: {@code SET lease NX PX ttl} with a token unique to this holder, taken together with the
 * session document in one script; renewed at least every half of the ttl while the request runs (only
 * while the token is still ours), and deleted at the end only if it is still ours, in the same script
 * that writes the request's save (fenced: a save under a lease that is no longer ours fails with
 * {@link LeaseLostException} and writes nothing). So a command costs two round trips: lease and load,
 * save and release. An instance that dies holding a lease blocks the session for at most the ttl.
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
     * expires at, id.
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
    private static final long POLL_MILLIS = 10;

    private final RedisCalls redis;
    private final RedisKeys keys;
    private final Duration ttl;

    /** A token prefix of this instance: with a counter, unique among holders without a random draw per lease. */
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong issued = new AtomicLong();
    private final Set<HeldLease> held = ConcurrentHashMap.newKeySet();
    private final long renewAfterNanos;

    RedisSessionLeases(RedisCalls redis, RedisKeys keys, Duration ttl, ScheduledExecutorService renewals) {
        this.redis = redis;
        this.keys = keys;
        this.ttl = ttl;
        // one task for all leases instead of one scheduled and cancelled per request: every sixth of the ttl
        // it renews the leases not renewed for a third of it, so none goes unrenewed for more than half
        this.renewAfterNanos = ttl.toNanos() / 3;
        long every = Math.max(1, ttl.toMillis() / 6);
        renewals.scheduleWithFixedDelay(this::renewDue, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public @Nullable Lease acquire(String sessionId, Duration wait) {
        String token = instance + ':' + issued.incrementAndGet();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<?> taken = redis.script(TAKE, List.of(keys.lease(sessionId), keys.session(sessionId)),
                    token, String.valueOf(ttl.toMillis()));
            if (taken != null && !taken.isEmpty() && Long.valueOf(1).equals(taken.get(0))) {
                String loaded = taken.size() > 1 && !"".equals(taken.get(1)) ? String.valueOf(taken.get(1)) : null;
                return held(HeldLease.hold(sessionId, token, loaded));
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS) > deadline) {
                return null;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private Lease held(HeldLease lease) {
        held.add(lease);
        return () -> {
            held.remove(lease);
            lease.release();
            HeldLease.PendingSave save = lease.pending;
            if (lease.lost) {
                if (save != null) {
                    throw lost(lease);
                }
                return;
            }
            String id = lease.sessionId;
            Long released = save == null
                    ? redis.script(SAVE_AND_RELEASE, List.of(keys.lease(id)), lease.token, "")
                    : redis.script(SAVE_AND_RELEASE, List.of(keys.lease(id), keys.session(id), keys.all(), save.userKey(),
                            keys.ended(id)), lease.token, save.text(), String.valueOf(save.ttlMillis()),
                            String.valueOf(save.expiresAt()), id);
            if (save != null && released != null && released == -2) {
                throw lost(lease);
            }
        };
    }

    private static LeaseLostException lost(HeldLease lease) {
        return new LeaseLostException(Integer.toHexString(lease.sessionId.hashCode()));
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
        lease.renewedAt = System.nanoTime();
        try {
            Long renewed = redis.script(RENEW, List.of(keys.lease(lease.sessionId)), lease.token,
                    String.valueOf(ttl.toMillis()));
            if (renewed == null || renewed == 0) {
                lease.lost = true;
            }
        } catch (StoreUnavailableException e) {
            // the next renewal or the fenced save tells
        }
    }
}
