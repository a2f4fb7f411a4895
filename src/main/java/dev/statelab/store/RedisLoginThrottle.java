package dev.statelab.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.statelab.users.LoginThrottle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The login lockout shared by every instance. A failure anywhere is counted in Redis ({@code INCR} on a
 * key that expires with the window, in one script that also sets the lock when the count reaches the
 * limit); a new lock is published to every instance, which keeps it in memory. So {@link #lockedFor},
 * which runs before every password check, costs no round trip. While Redis is unreachable failures are
 * counted by this instance alone (the in-memory throttle), so a guessing client is still slowed.
 */
final class RedisLoginThrottle implements LoginThrottle, MessageListener {

    static final String CHANNEL = "statelab:lockout";
    private static final Logger log = LoggerFactory.getLogger(RedisLoginThrottle.class);

    /** KEYS: counter, lock. ARGV: window ms, limit, lock ms, channel, message. Answers the lock's ms, or 0. */
    private static final RedisScript<Long> FAIL = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            if count >= tonumber(ARGV[2]) then
              redis.call('DEL', KEYS[1])
              redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
              redis.call('PUBLISH', ARGV[4], ARGV[5])
              return tonumber(ARGV[3])
            end
            return 0""", Long.class);

    private final RedisCalls redis;
    private final LoginThrottle local;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Duration duration;
    /** Locks known here, from this instance's failures or another's message: name → until (epoch ms). */
    private final Map<String, Long> lockedUsers = new ConcurrentHashMap<>();
    private final Map<String, Long> lockedAddresses = new ConcurrentHashMap<>();
    /** Users with a failure counted from here, so a success need not clear counts it never made. */
    private final Map<String, Boolean> failedHere = new ConcurrentHashMap<>();

    RedisLoginThrottle(RedisCalls redis, LoginThrottle local, int maxPerUser, int maxPerAddress, Duration window,
                       Duration duration) {
        this.redis = redis;
        this.local = local;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.duration = duration;
    }

    @Override
    public @Nullable Duration lockedFor(String user, @Nullable String address) {
        long now = System.currentTimeMillis();
        long until = Math.max(until(lockedUsers, user, now), address == null ? 0 : until(lockedAddresses, address, now));
        if (until > now) {
            return Duration.ofMillis(until - now);
        }
        return local.lockedFor(user, address);
    }

    @Override
    public void failed(String user, @Nullable String address) {
        try {
            failedHere.put(user, Boolean.TRUE);
            count("u", user, maxPerUser);
            if (address != null) {
                count("a", address, maxPerAddress);
            }
        } catch (StoreUnavailableException e) {
            log.debug("Login failure counted by this instance only: the shared store is unreachable");
            local.failed(user, address);
        }
    }

    @Override
    public void succeeded(String user, @Nullable String address) {
        local.succeeded(user, address);
        if (failedHere.remove(user) != null) {
            try {
                redis.call(() -> redis.template().delete(key("fail", "u", user)));
            } catch (StoreUnavailableException e) {
                // the count expires with its window
            }
        }
    }

    private void count(String kind, String name, int limit) {
        Long lockMillis = redis.script(FAIL, List.of(key("fail", kind, name), key("lock", kind, name)),
                String.valueOf(window.toMillis()), String.valueOf(limit), String.valueOf(duration.toMillis()),
                CHANNEL, kind + " " + (System.currentTimeMillis() + duration.toMillis()) + " " + name);
        if (lockMillis != null && lockMillis > 0) {
            lock(kind, name, System.currentTimeMillis() + lockMillis);
        }
    }

    /** A lock set by any instance: {@code "u|a <until ms> <name>"}. */
    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split(" ", 3);
        if (parts.length == 3) {
            try {
                lock(parts[0], parts[2], Long.parseLong(parts[1]));
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        }
    }

    private void lock(String kind, String name, long until) {
        Map<String, Long> locks = "u".equals(kind) ? lockedUsers : "a".equals(kind) ? lockedAddresses : null;
        if (locks != null) {
            locks.merge(name, until, Math::max);
            // bounded: drop what has passed whenever a lock is added
            long now = System.currentTimeMillis();
            locks.values().removeIf(t -> t <= now);
        }
    }

    private static long until(Map<String, Long> locks, String name, long now) {
        Long until = locks.get(name);
        return until == null ? 0 : until;
    }

    private String key(String what, String kind, String name) {
        return "statelab:lockout:" + what + ":" + kind + ":" + name;
    }
}
