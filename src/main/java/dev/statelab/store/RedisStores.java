package dev.statelab.store;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Sessions and leases in Redis, each feature's round trips counted under its own tag. */
final class RedisStores implements SessionStores, TicketBooks, DisposableBean {

    static final String ROUND_TRIPS = "statelab.store.roundtrips";

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final MeterRegistry registry;
    private final ScheduledThreadPoolExecutor renewals = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "statelab-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    RedisStores(StringRedisTemplate redis, JsonMapper json, MeterRegistry registry) {
        this.redis = redis;
        this.json = json;
        this.registry = registry;
    }

    @Override
    public SessionStore sessions(String feature, Duration idleTimeout, SessionAttributeCodec codec) {
        return new RedisSessionStore(calls(feature), RedisKeys.of(feature), new SessionJson(json, codec), idleTimeout,
                renewals);
    }

    @Override
    public TicketBook book(String feature, Duration ttl) {
        return new RedisTicketBook(calls(feature), feature, ttl);
    }

    RedisCalls calls(String feature) {
        return new RedisCalls(redis, Counter.builder(ROUND_TRIPS).tag("api", feature)
                .description("Round trips to the shared store").register(registry));
    }

    @Override
    public void destroy() {
        renewals.shutdownNow();
    }
}
