package dev.statelab.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A relay client on the JDK's WebSocket: collects every frame it receives, with the time it arrived. */
final class ChatClient implements WebSocket.Listener, AutoCloseable {

    record Received(JsonNode json, long nanos) {
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final BlockingQueue<Received> frames = new LinkedBlockingQueue<>();
    /** Every frame received, including those {@link #next} skipped. */
    final List<JsonNode> all = java.util.Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** How many times a text arrived in parts, not yet whole (a frame continued in the next one). */
    final java.util.concurrent.atomic.AtomicInteger partsNotLast = new java.util.concurrent.atomic.AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static ChatClient connect(int port) {
        return connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), HTTP.newWebSocketBuilder());
    }

    static ChatClient connect(URI uri, WebSocket.Builder builder) {
        ChatClient client = new ChatClient();
        client.socket = builder.connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, client).join();
        return client;
    }

    WebSocket socket() {
        return socket;
    }

    ChatClient send(String json) {
        socket.sendText(json, true).join();
        return this;
    }

    /** Joins and waits for the answer, which it returns. */
    JsonNode join(String room, String nick) {
        send("{\"type\":\"join\",\"room\":\"" + room + "\",\"nick\":\"" + nick + "\"}");
        return next("joined");
    }

    JsonNode next(String type) {
        return next(frame -> frame.path("type").asString().equals(type), Duration.ofSeconds(10));
    }

    /** The next frame matching, skipping others; fails after the timeout. */
    JsonNode next(Predicate<JsonNode> wanted, Duration timeout) {
        return nextReceived(wanted, timeout).json();
    }

    Received nextReceived(Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> skipped = new ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Received frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
                if (frame == null) {
                    throw new AssertionError("no matching frame within " + timeout + "; skipped: " + skipped);
                }
                if (wanted.test(frame.json())) {
                    return frame;
                }
                skipped.add(frame.json().toString().substring(0, Math.min(200, frame.json().toString().length())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int awaitClose() {
        return closeCode.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (!last) {
            partsNotLast.incrementAndGet();
        }
        if (last) {
            JsonNode json = JSON.readTree(partial.toString());
            all.add(json);
            frames.add(new Received(json, System.nanoTime()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(1006);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }
}
