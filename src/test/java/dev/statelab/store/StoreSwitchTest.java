package dev.statelab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

    /**
     * Closed while its listeners are likely still subscribing (they start on their own thread once the
     * application is ready): the close that hung here (one run in three) before the listeners were
     * stopped ahead of the connection factory.
     */
    @Test
    void redisModeConnectsToTheConfiguredServer(@TempDir Path root) throws InterruptedException {
        ConfigurableApplicationContext context = start(root, redis.arguments());
        RedisConnectionFactory factory = context.getBean(RedisConnectionFactory.class);
        try (var connection = factory.getConnection()) {
            assertThat(connection.ping()).isEqualTo("PONG");
        }
        assertThat(context.containsBean("redisHealthContributor")).isTrue();
        assertClosesWithin(context, Duration.ofSeconds(15));
    }

    /**
     * A server that takes the connection and never answers keeps the listeners subscribing: the close waits
     * for them only as long as Redis's timeouts allow, then ends.
     */
    @Test
    void anInstanceWhoseRedisNeverAnswersStillClosesPromptly(@TempDir Path root) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        accepted.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ConfigurableApplicationContext context = start(root, List.of("--statelab.store=redis",
                    "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + silent.getLocalPort(),
                    "--spring.data.redis.timeout=700ms", "--spring.data.redis.connect-timeout=700ms"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (accepted.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(accepted).as("the listeners tried to connect").isNotEmpty();

            assertClosesWithin(context, Duration.ofSeconds(15));
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    private static void assertClosesWithin(ConfigurableApplicationContext context, Duration limit) throws InterruptedException {
        Thread closer = new Thread(context::close, "test-close");
        closer.setDaemon(true);
        closer.start();
        closer.join(limit.toMillis());
        assertThat(closer.isAlive()).as("the context is still closing after " + limit).isFalse();
    }
}
