// Load client for the statelab WebSocket relay (/ws/chat). Single-file Java 17 program:
//   java RelayBench.java fanout     ws://127.0.0.1:18280/ws/chat 1000 200
//   java RelayBench.java throughput ws://127.0.0.1:18280/ws/chat 20 10
//   java RelayBench.java idle       ws://127.0.0.1:18280/ws/chat 10000 <seconds to hold>
// Only the JDK: java.net.http.WebSocket. Latency is measured inside this one JVM (sender and receivers
// share System.nanoTime), so it includes the client's own receive path.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

public class RelayBench {

    static final int HTTP_CLIENTS = 8; // spread the receiving sockets over several selector threads
    static final int WINDOW = 8; // messages a throughput sender may have in flight
    static final List<HttpClient> CLIENTS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < HTTP_CLIENTS; i++) {
            CLIENTS.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build());
        }
        URI uri = URI.create(args[1]);
        int count = Integer.parseInt(args[2]);
        int extra = Integer.parseInt(args[3]);
        switch (args[0]) {
            case "fanout" -> fanout(uri, count, extra);
            case "throughput" -> throughput(uri, count, extra);
            case "idle" -> idle(uri, count, extra);
            default -> throw new IllegalArgumentException("mode: fanout | throughput | idle");
        }
        System.exit(0);
    }

    /** One sender, {@code receivers} members; each message goes out alone and is timed at every receiver. */
    static void fanout(URI uri, int receivers, int messages) throws Exception {
        long[] sentAt = new long[messages + 1];
        long[][] latency = new long[messages + 1][];
        for (int m = 1; m <= messages; m++) {
            latency[m] = new long[receivers];
        }
        CountDownLatch[] done = new CountDownLatch[messages + 1];
        for (int m = 1; m <= messages; m++) {
            done[m] = new CountDownLatch(receivers);
        }
        List<Client> clients = connectMany(uri, receivers, i -> "fan", (i, text) -> {
            int m = Integer.parseInt(text.substring(0, text.indexOf(' ')));
            latency[m][i] = System.nanoTime() - sentAt[m];
            done[m].countDown();
        });
        Client sender = Client.open(CLIENTS.get(0), uri, -1, null).join();
        sender.join("fan", "sender").get(30, TimeUnit.SECONDS);
        Thread.sleep(1000);
        int lost = 0;
        for (int m = 1; m <= messages; m++) {
            sentAt[m] = System.nanoTime();
            sender.send("{\"type\":\"send\",\"text\":\"" + m + " fan-out probe\"}");
            if (!done[m].await(10, TimeUnit.SECONDS)) {
                lost += (int) done[m].getCount();
            }
            Thread.sleep(20);
        }
        long[] all = Arrays.stream(latency, 1, messages + 1).flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        long[] last = Arrays.stream(latency, 1, messages + 1).mapToLong(l -> Arrays.stream(l).max().orElse(0)).sorted().toArray();
        System.out.printf("fanout receivers=%d messages=%d deliveries=%d lost=%d%n", receivers, messages, all.length, lost);
        System.out.printf("  per delivery   p50=%.2f ms p99=%.2f ms max=%.2f ms%n", ms(pct(all, 50)), ms(pct(all, 99)), ms(all[all.length - 1]));
        System.out.printf("  last receiver  p50=%.2f ms p99=%.2f ms max=%.2f ms%n", ms(pct(last, 50)), ms(pct(last, 99)), ms(last[last.length - 1]));
        clients.forEach(Client::abort);
    }

    /** {@code senders} members all send as fast as they can for {@code seconds}; counts what one member receives. */
    static void throughput(URI uri, int senders, int seconds) throws Exception {
        AtomicLong received = new AtomicLong();
        List<Client> clients = connectMany(uri, senders, i -> "through", (i, text) -> {
            if (i == 0) {
                received.incrementAndGet();
            }
        });
        Thread.sleep(500);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (Client client : clients) {
            Thread t = new Thread(() -> {
                client.window.release(WINDOW - 1);
                int n = 0;
                while (System.nanoTime() < end) {
                    // keep a bounded number in flight: wait for our own messages to come back
                    client.send("{\"type\":\"send\",\"text\":\"" + (++n) + " throughput probe\"}");
                    client.window.acquireUninterruptibly();
                }
            });
            t.start();
            threads.add(t);
        }
        long start = System.nanoTime();
        long before = received.get();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long got = received.get() - before;
        System.out.printf("throughput senders=%d seconds=%.1f messages=%d -> %.0f messages/s through one room (%.0f deliveries/s)%n",
                senders, elapsed, got, got / elapsed, got * senders / elapsed);
        clients.forEach(Client::abort);
    }

    /** Opens and holds idle connections, each joined to one of many small rooms. */
    static void idle(URI uri, int connections, int holdSeconds) throws Exception {
        long start = System.nanoTime();
        List<Client> clients = connectMany(uri, connections, i -> "idle" + (i / 100), (i, text) -> { });
        System.out.printf("idle connections=%d open after %.1f s; holding %d s%n", clients.size(),
                (System.nanoTime() - start) / 1e9, holdSeconds);
        System.out.println("READY");
        Thread.sleep(holdSeconds * 1000L);
        clients.forEach(Client::abort);
    }

    interface OnMessage {
        void accept(int index, String text);
    }

    static List<Client> connectMany(URI uri, int count, java.util.function.IntFunction<String> room, OnMessage onMessage) throws Exception {
        Semaphore inFlight = new Semaphore(200);
        List<CompletableFuture<Client>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            final int index = i;
            CompletableFuture<Client> joined = Client.open(CLIENTS.get(i % HTTP_CLIENTS), uri, index, onMessage)
                    .thenCompose(c -> c.join(room.apply(index), "m" + index).thenApply(x -> c));
            joined.whenComplete((c, e) -> inFlight.release());
            opening.add(joined);
        }
        List<Client> clients = new ArrayList<>();
        int failed = 0;
        for (CompletableFuture<Client> c : opening) {
            try {
                clients.add(c.get(120, TimeUnit.SECONDS));
            } catch (Exception e) {
                if (failed++ == 0) {
                    System.err.println("first failed connection: " + e);
                }
            }
        }
        if (failed > 0) {
            System.out.println("connections that failed to open or join: " + failed);
        }
        return clients;
    }

    static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** One connection; hands the text of every chat message to the callback. */
    static final class Client implements WebSocket.Listener {
        final int index;
        final OnMessage onMessage;
        final Semaphore window = new Semaphore(0);
        final CompletableFuture<Void> joined = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        String nick;
        WebSocket socket;

        Client(int index, OnMessage onMessage) {
            this.index = index;
            this.onMessage = onMessage;
        }

        static CompletableFuture<Client> open(HttpClient http, URI uri, int index, OnMessage onMessage) {
            Client client = new Client(index, onMessage);
            return http.newWebSocketBuilder().buildAsync(uri, client).thenApply(ws -> {
                client.socket = ws;
                return client;
            });
        }

        CompletableFuture<Void> join(String room, String nick) {
            this.nick = nick;
            send("{\"type\":\"join\",\"room\":\"" + room + "\",\"nick\":\"" + nick + "\"}");
            return joined;
        }

        synchronized void send(String text) {
            socket.sendText(text, true).join();
        }

        void abort() {
            socket.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.startsWith("{\"type\":\"message\"")) {
                    int t = frame.indexOf("\"text\":\"") + 8;
                    String text = frame.substring(t, frame.lastIndexOf('"'));
                    if (frame.contains("\"nick\":\"" + nick + "\"")) {
                        window.release();
                    }
                    if (onMessage != null && index >= 0) {
                        onMessage.accept(index, text);
                    }
                } else if (frame.startsWith("{\"type\":\"joined\"")) {
                    joined.complete(null);
                } else if (frame.startsWith("{\"type\":\"error\"")) {
                    joined.completeExceptionally(new IllegalStateException(frame));
                    System.err.println("error: " + frame);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            System.err.println("closed " + code + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            joined.completeExceptionally(error);
        }
    }
}
