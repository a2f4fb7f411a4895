package dev.statelab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.statelab.StatelabApplication;
import dev.statelab.support.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** {@code statelab.store} decides whether anything of Redis exists in the application. */
class StoreSwitchTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static ConfigurableApplicationContext start(Path root, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--statelab.storage.root=" + root,
                "--statelab.ftp.port=-1", "--statelab.sockets.tcp-port=-1", "--statelab.sockets.udp-port=-1",
                "--spring.main.banner-mode=off"));
        args.addAll(extra);
        return new SpringApplicationBuilder(StatelabApplication.class).run(args.toArray(String[]::new));
    }

    @Test
    void memoryModeHasNoRedisConnectionFactoryNorRedisHealth(@TempDir Path root) {
        try (ConfigurableApplicationContext context = start(root, List.of())) {
            assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
            assertThat(context.containsBean("redisHealthContributor")).isFalse();
            assertThat(context.getBeansOfType(Object.class).keySet()).noneMatch(name -> name.toLowerCase().contains("redis"));
        }
    }

    @Test
    void redisModeConnectsToTheConfiguredServer(@TempDir Path root) {
        try (ConfigurableApplicationContext context = start(root, redis.arguments())) {
            RedisConnectionFactory factory = context.getBean(RedisConnectionFactory.class);
            try (var connection = factory.getConnection()) {
                assertThat(connection.ping()).isEqualTo("PONG");
            }
            assertThat(context.containsBean("redisHealthContributor")).isTrue();
        }
    }
}
