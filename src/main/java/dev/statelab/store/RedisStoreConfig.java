package dev.statelab.store;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.lettuce.core.ClientOptions;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.statelab.users.InMemoryLoginThrottle;
import dev.statelab.users.LoginThrottle;
import dev.statelab.users.UsersProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
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

    /** Replaces the in-memory lockout of {@code users}: failures on any instance count on all. */
    @Bean
    @Primary
    LoginThrottle sharedLoginThrottle(RedisStores stores, UsersProperties users) {
        UsersProperties.Lockout lockout = users.lockout();
        return new RedisLoginThrottle(stores.calls("lockout"), new InMemoryLoginThrottle(lockout, Ticker.systemTicker()),
                lockout.maxFailuresPerUser(), lockout.maxFailuresPerAddress(), lockout.window(), lockout.duration());
    }

    @Bean
    RedisMessageListenerContainer statelabRedisListeners(RedisConnectionFactory factory, LoginThrottle sharedLoginThrottle) {
        // one thread, so that listeners see the messages of a channel in the order Redis sent them (not a
        // bean: an Executor bean would make Boot drop its own application task executor)
        ExecutorService events = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "statelab-redis-events");
            thread.setDaemon(true);
            return thread;
        });
        RedisMessageListenerContainer container = new RedisMessageListenerContainer() {
            @Override
            public void destroy() throws Exception {
                try {
                    super.destroy();
                } finally {
                    events.shutdownNow();
                }
            }
        };
        container.setConnectionFactory(factory);
        container.setTaskExecutor(events);
        if (sharedLoginThrottle instanceof RedisLoginThrottle shared) {
            container.addMessageListener(shared, new ChannelTopic(RedisLoginThrottle.CHANNEL));
        }
        // started and stopped by RedisListenersStarter: an instance must start, and serve the stateless API, while Redis is away
        container.setAutoStartup(false);
        return container;
    }

    @Bean
    RedisListenersStarter statelabListenersStarter(RedisMessageListenerContainer statelabRedisListeners, DataRedisProperties redis) {
        // a subscription under way ends within the connect timeout (Lettuce's default: 10 s) and one command's
        Duration connect = redis.getConnectTimeout() != null ? redis.getConnectTimeout() : Duration.ofSeconds(10);
        Duration command = redis.getTimeout() != null ? redis.getTimeout() : Duration.ofSeconds(60);
        return new RedisListenersStarter(statelabRedisListeners, Duration.ofSeconds(2), connect.plus(command).plusSeconds(1));
    }

    /** The relay's rooms, their round trips counted under {@code api=relay}. */
    @Bean
    RoomStores redisRoomStores(RedisStores stores, RedisMessageListenerContainer statelabRedisListeners) {
        return (historySize, lifetimes) -> new RedisRooms(stores.calls("relay"), statelabRedisListeners, historySize, lifetimes);
    }

    @Bean
    RedisStores redisStores(StringRedisTemplate redis, JsonMapper json, MeterRegistry registry) {
        return new RedisStores(redis, json, registry);
    }
}
