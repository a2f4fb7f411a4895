package dev.statelab.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.statelab.StatelabApplication;
import dev.statelab.support.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fan-out of one room whose members are split over two instances on one Redis: one member on the first
 * instance sends {@value #MESSAGES} messages, and every member's receive time is taken against the send
 * time (one JVM, one clock). The same room on a single instance in memory mode is measured first, as
 * the anchor. Not part of {@code verify} (the name is no test name); run it with
 * {@code ./mvnw test -Dtest=SharedFanOutBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.members=1000}; it prints p50, p99 and max per instance.
 */
class SharedFanOutBenchmark {

    private static final int MESSAGES = 30;

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    /** Records when each message (its text is the send time in nanos) arrived; ignores other frames. */
    static final class Receiver implements WebSocket.Listener {
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Void> joined = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.startsWith("{\"type\":\"joined\"")) {
                    joined.complete(null);
                } else if (frame.startsWith("{\"type\":\"message\"")) {
                    int at = frame.indexOf("\"text\":\"t") + 9;
                    long sent = Long.parseLong(frame.substring(at, frame.indexOf('"', at)));
                    latencies.add(System.nanoTime() - sent);
                } else if (frame.startsWith("{\"type\":\"error\"")) {
                    joined.completeExceptionally(new AssertionError(frame));
                }
            }
            socket.request(1);
            return null;
        }
    }

    @Test
    void fanOutAcrossTwoInstances() throws Exception {
        int members = Integer.getInteger("bench.members", 1000);
        Path root = Files.createTempDirectory("fan-out");
        // the anchor, in the same run: the same room on one instance in memory mode
        try (ConfigurableApplicationContext alone = start(root, false)) {
            System.out.println("memory mode, one instance:");
            measure(members, new int[] {port(alone), port(alone)});
        }
        try (ConfigurableApplicationContext first = start(root, true); ConfigurableApplicationContext second = start(root, true)) {
            System.out.println("redis mode, two instances:");
            measure(members, new int[] {port(first), port(second)});
        }
    }

    private static void measure(int members, int[] ports) throws Exception {
        {
            HttpClient http = HttpClient.newHttpClient();
            awaitReady(http, ports[0]);
            awaitReady(http, ports[1]);
            List<WebSocket> sockets = new ArrayList<>();
            List<Receiver> receivers = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                Receiver receiver = new Receiver();
                WebSocket socket = http.newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + ports[i % 2] + "/ws/chat"), receiver).join();
                join(socket, receiver, "m" + i);
                sockets.add(socket);
                receivers.add(receiver);
            }
            Thread.sleep(3_000); // let the presence events of the joins drain
            receivers.forEach(r -> r.latencies.clear());
            WebSocket sender = sockets.get(0);
            for (int m = 0; m < MESSAGES; m++) {
                sender.sendText("{\"type\":\"send\",\"text\":\"t" + System.nanoTime() + "\"}", true).join();
                Thread.sleep(100);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && receivers.stream().anyMatch(r -> r.latencies.size() < MESSAGES)) {
                Thread.sleep(100);
            }
            for (int instance = 0; instance < 2; instance++) {
                List<Long> all = new ArrayList<>();
                int missing = 0;
                for (int i = instance; i < members; i += 2) {
                    all.addAll(receivers.get(i).latencies);
                    missing += MESSAGES - receivers.get(i).latencies.size();
                }
                Collections.sort(all);
                System.out.printf("instance %s: %d members, %d deliveries, missing %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        instance == 0 ? "A (sender's)" : "B (other)", (members + 1 - instance) / 2, all.size(), missing,
                        ms(all, 0.50), ms(all, 0.99), all.isEmpty() ? 0 : all.get(all.size() - 1) / 1e6);
            }
            sockets.forEach(WebSocket::abort);
        }
    }

    private static void join(WebSocket socket, Receiver receiver, String nick) throws Exception {
        socket.sendText("{\"type\":\"join\",\"room\":\"fan\",\"nick\":\"" + nick + "\"}", true).join();
        receiver.joined.get(10, TimeUnit.SECONDS);
    }

    /** The instances connect to Redis in the background after start: wait until each takes a join. */
    private static void awaitReady(HttpClient http, int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            Receiver probe = new Receiver();
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), probe).join();
            socket.sendText("{\"type\":\"join\",\"room\":\"probe\",\"nick\":\"p" + attempt + "\"}", true).join();
            try {
                probe.joined.get(10, TimeUnit.SECONDS);
                socket.abort();
                return;
            } catch (java.util.concurrent.ExecutionException notYet) {
                socket.abort();
                if (attempt > 50) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private static ConfigurableApplicationContext start(Path root, boolean shared) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--statelab.storage.root=" + root,
                "--statelab.relay.messages-per-second=100", "--statelab.relay.burst=100",
                "--statelab.relay.new-rooms-per-address=1000",
                "--statelab.ftp.port=-1", "--statelab.sockets.tcp-port=-1", "--statelab.sockets.udp-port=-1",
                "--spring.main.banner-mode=off", "--logging.level.root=warn"));
        if (shared) {
            args.addAll(redis.arguments());
        }
        return new SpringApplicationBuilder(StatelabApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }
}
