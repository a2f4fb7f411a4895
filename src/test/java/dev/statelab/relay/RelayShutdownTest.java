package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.statelab.StatelabApplication;
import dev.statelab.support.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An instance on Redis that shuts down with members in a room: they leave presence at once (the other
 * instance's members see them go, long before their presence would expire) and are closed with 1001,
 * before the Redis client stops, so the shutdown logs no failed leave.
 */
@ExtendWith(OutputCaptureExtension.class)
class RelayShutdownTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static ConfigurableApplicationContext start(Path root) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--statelab.storage.root=" + root,
                "--statelab.relay.presence-ttl=30s",
                "--statelab.ftp.port=-1", "--statelab.sockets.tcp-port=-1", "--statelab.sockets.udp-port=-1",
                "--spring.main.banner-mode=off"));
        args.addAll(redis.arguments());
        return new SpringApplicationBuilder(StatelabApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }

    /** Joins once the instance listens to Redis (it connects in the background after start). */
    private static JsonNode join(ChatClient client, String nick) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            client.send("{\"type\":\"join\",\"room\":\"closing\",\"nick\":\"" + nick + "\"}");
            JsonNode answer = client.next(f -> f.path("type").asString().matches("joined|error"), Duration.ofSeconds(10));
            if (!answer.path("code").asString().equals("relay-unavailable") || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void membersOfAStoppingInstanceLeavePresenceAtOnceAndAreClosedWithGoingAwayWithoutAFailedLeaveInTheLog(
            CapturedOutput output) throws Exception {
        Path root = Files.createTempDirectory("relay-shutdown");
        ConfigurableApplicationContext stopping = start(root);
        ConfigurableApplicationContext staying = start(root);
        try (ChatClient ana = ChatClient.connect(port(stopping)); ChatClient cy = ChatClient.connect(port(stopping));
             ChatClient bo = ChatClient.connect(port(staying)); ChatClient again = ChatClient.connect(port(staying))) {
            assertThat(join(ana, "ana").path("type").asString()).isEqualTo("joined");
            assertThat(join(cy, "cy").path("type").asString()).isEqualTo("joined");
            assertThat(join(bo, "bo").path("type").asString()).isEqualTo("joined");

            long closing = System.nanoTime();
            stopping.close();

            assertThat(ana.awaitClose()).isEqualTo(1001);
            assertThat(cy.awaitClose()).isEqualTo(1001);
            List<String> left = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                JsonNode leave = bo.next(f -> f.path("type").asString().equals("presence")
                        && f.path("event").asString().equals("leave"), Duration.ofSeconds(10));
                left.add(leave.path("nick").asString());
            }
            assertThat(left).containsExactlyInAnyOrder("ana", "cy");
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("told by the leave, not by expiry")
                    .isLessThan(Duration.ofSeconds(20));
            assertThat(join(again, "ana").path("type").asString())
                    .as("the nickname came free at once").isEqualTo("joined");
        } finally {
            stopping.close();
            staying.close();
        }
        assertThat(output.getAll()).doesNotContain("LettuceConnectionFactory is STOPPING")
                .doesNotContain("Unhandled exception after connection closed");
    }
}
