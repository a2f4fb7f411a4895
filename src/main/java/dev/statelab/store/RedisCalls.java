package dev.statelab.store;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Every Redis round trip of one feature goes through here: counted in {@code statelab.store.roundtrips},
 * and a store that fails or does not answer in time becomes {@link StoreUnavailableException}.
 */
final class RedisCalls {

    private final StringRedisTemplate redis;
    private final Counter roundTrips;

    RedisCalls(StringRedisTemplate redis, Counter roundTrips) {
        this.redis = redis;
        this.roundTrips = roundTrips;
    }

    <T> T call(Supplier<T> call) {
        roundTrips.increment();
        try {
            return call.get();
        } catch (DataAccessException e) {
            throw new StoreUnavailableException(e);
        }
    }

    <T> T script(RedisScript<T> script, List<String> keys, Object... args) {
        return call(() -> redis.execute(script, keys, args));
    }

    StringRedisTemplate template() {
        return redis;
    }
}
