package dev.statelab.store;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis client for {@code statelab.store=redis}, on Boot's auto-configured Lettuce connection
 * factory ({@code spring.data.redis.*}). While Redis is unreachable, commands are refused at once instead
 * of queued until the reconnect: a request then fails fast with 503, and never waits longer than
 * {@code spring.data.redis.timeout}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = StoreSettings.PROPERTY, havingValue = "redis")
class RedisStoreConfig {

    @Bean
    LettuceClientOptionsBuilderCustomizer statelabFailFast() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    RedisStores redisStores(StringRedisTemplate redis, JsonMapper json, MeterRegistry registry) {
        return new RedisStores(redis, json, registry);
    }
}
