package dev.statelab.store;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Tickets in Redis: {@code SET NX PX} to issue, {@code GETDEL} to redeem, so a ticket is used once on any instance. */
final class RedisTicketBook implements TicketBook {

    private final RedisCalls redis;
    private final String prefix;
    private final Duration ttl;

    RedisTicketBook(RedisCalls redis, String feature, Duration ttl) {
        this.redis = redis;
        this.prefix = "statelab:" + feature + ":ticket:";
        this.ttl = ttl;
    }

    @Override
    public boolean put(String ticket, String value) {
        return Boolean.TRUE.equals(redis.call(() -> redis.template().opsForValue().setIfAbsent(prefix + ticket, value, ttl)));
    }

    @Override
    public @Nullable String take(String ticket) {
        return redis.call(() -> redis.template().opsForValue().getAndDelete(prefix + ticket));
    }
}
