package dev.statelab.relay;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;

import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open WebSocket: who is on the other end (address, verified account), which room it is in, its
 * rate limit and its outbox. This is the connection's state; it lives exactly as long as the socket.
 */
final class Connection implements Relay.Subscriber {

    final String id;
    final String address;
    final @Nullable String user;
    private final WebSocketSession session;
    private final Frames frames;
    private final Bucket rate;
    private @Nullable Outbox outbox;
    // made on the first signal: most connections never signal, and an idle one should cost little
    private @Nullable Bucket signals;
    // the parts of a text message that arrives in pieces; null between messages, so idle costs nothing
    private @Nullable StringBuilder partial;
    private volatile @Nullable String room;
    private int roomsCreated;
    private volatile long lastHeard = System.nanoTime();

    Connection(WebSocketSession session, @Nullable String user, Frames frames, RelayProperties limits) {
        this.id = session.getId();
        this.address = addressOf(session.getRemoteAddress());
        this.user = user;
        this.session = session;
        this.frames = frames;
        this.rate = Bucket.builder()
                .addLimit(limit -> limit.capacity(limits.burst())
                        .refillGreedy(limits.messagesPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    void attach(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void deliver(RoomEvent event) {
        send(frames.render(event));
    }

    void send(WebSocketMessage<?> message) {
        Outbox out = outbox;
        if (out != null) {
            out.offer(message);
        }
    }

    void check() {
        Outbox out = outbox;
        if (out != null) {
            out.check();
        }
    }

    /** Closes the socket after what is already queued for it (an error frame, say) has gone out. */
    void closeAfterQueued(CloseStatus status) {
        Outbox out = outbox;
        if (out != null) {
            out.closeAfterQueued(status);
        }
    }

    /** What {@link #collect} made of one part: the whole message, null text while parts are missing, or too big. */
    record Collected(@Nullable String text, boolean tooBig) {
        static final Collected WAITING = new Collected(null, false);
        static final Collected TOO_BIG = new Collected(null, true);
    }

    /**
     * Adds one part of a text message; the whole message once its last part is in. Parts only arrive on
     * the container's read thread for this socket, one at a time.
     */
    Collected collect(String part, boolean last, long maxChars) {
        StringBuilder collected = partial;
        if ((collected == null ? 0 : collected.length()) + (long) part.length() > maxChars) {
            partial = null;
            return Collected.TOO_BIG;
        }
        if (last) {
            partial = null;
            return new Collected(collected == null ? part : collected.append(part).toString(), false);
        }
        partial = (collected == null ? new StringBuilder(part.length() * 2) : collected).append(part);
        return Collected.WAITING;
    }

    /** Takes one frame's worth from the rate limit; false when the client sends faster than allowed. */
    boolean tryAcquire() {
        return rate.tryConsume(1);
    }

    /** Takes one signal's worth from the signaling rate limit; false when the client signals too fast. */
    boolean tryAcquireSignal(RelayProperties limits) {
        Bucket bucket = signals;
        if (bucket == null) {
            bucket = Bucket.builder()
                    .addLimit(limit -> limit.capacity(limits.signalBurst())
                            .refillGreedy(limits.signalsPerSecond(), Duration.ofSeconds(1)))
                    .build();
            signals = bucket;
        }
        return bucket.tryConsume(1);
    }

    /** The IP address alone, without the port. */
    String host() {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    int roomsCreated() {
        return roomsCreated;
    }

    void roomCreated() {
        roomsCreated++;
    }

    void heard() {
        lastHeard = System.nanoTime();
    }

    boolean silentFor(Duration duration) {
        return System.nanoTime() - lastHeard > duration.toNanos();
    }

    @Nullable String room() {
        return room;
    }

    void room(@Nullable String room) {
        this.room = room;
    }

    /** Closes the socket without waiting: the close frame may sit behind a write that hangs. */
    void close(CloseStatus status, Executor executor) {
        executor.execute(() -> {
            try {
                session.close(status);
            } catch (Exception ignored) {
                // already closed or broken; nothing left to tell the client
            }
        });
    }

    static String addressOf(@Nullable InetSocketAddress socket) {
        if (socket == null) {
            return "unknown";
        }
        String host = socket.getAddress() != null ? socket.getAddress().getHostAddress() : socket.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + socket.getPort();
    }
}
