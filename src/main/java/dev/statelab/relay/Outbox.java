package dev.statelab.relay;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * What is on its way to one client. {@link #offer} only queues, so a room's fan-out never waits for a
 * socket; one task at a time drains the queue into the session, so frames keep their order.
 *
 * <p>This is also what keeps writes to one session serial (a WebSocket session takes one write at a time),
 * so the session needs no decorator of its own. Spring's {@code ConcurrentWebSocketSessionDecorator}
 * would do that too, but writes on the thread of whoever calls it, so a fan-out loop calling it would
 * hang on the first client whose socket is full, and it keeps a second queue and four locks for every
 * idle connection. Its limits are kept, checked here on every offer: a write that has taken longer than
 * the send-time limit, or more queued bytes than the buffer limit, and the client is given up with
 * {@link #TOO_SLOW}.
 */
final class Outbox {

    /** Why a slow client is dropped; the reason also goes to the client when its socket still takes it. */
    static final String TOO_SLOW = "too slow: the client did not read its messages in time";

    interface Listener {
        void sent(int textBytes);

        void overflowed();
    }

    private final WebSocketSession session;
    private final Executor executor;
    private final Listener listener;
    private final long sendTimeLimitNanos;
    private final long bufferLimit;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile long writeStarted;

    Outbox(WebSocketSession session, Executor executor, Listener listener, RelayProperties limits) {
        this.session = session;
        this.executor = executor;
        this.listener = listener;
        this.sendTimeLimitNanos = limits.sendTimeLimit().toNanos();
        this.bufferLimit = limits.sendBufferLimit().toBytes();
    }

    void offer(WebSocketMessage<?> message) {
        if (overflowed.get()) {
            return;
        }
        if (queuedBytes.addAndGet(message.getPayloadLength()) > bufferLimit || writeTooLong()) {
            overflow();
            return;
        }
        queue.add(message);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Closes the session once everything queued before has been written. */
    void closeAfterQueued(CloseStatus status) {
        if (!overflowed.get()) {
            queue.add(status);
            if (draining.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }
    }

    /** Gives up a client whose current write has hung longer than allowed, even if nothing new arrives. */
    void check() {
        if (writeTooLong()) {
            overflow();
        }
    }

    private boolean writeTooLong() {
        long started = writeStarted;
        return started != 0 && System.nanoTime() - started > sendTimeLimitNanos;
    }

    private void overflow() {
        if (overflowed.compareAndSet(false, true)) {
            queue.clear();
            listener.overflowed();
        }
    }

    private void drain() {
        do {
            Object next;
            while ((next = queue.poll()) != null) {
                if (next instanceof CloseStatus status) {
                    closeQuietly(status);
                    continue;
                }
                WebSocketMessage<?> message = (WebSocketMessage<?>) next;
                int size = message.getPayloadLength();
                queuedBytes.addAndGet(-size);
                if (!session.isOpen() || overflowed.get()) {
                    continue;
                }
                writeStarted = System.nanoTime();
                try {
                    session.sendMessage(message);
                    if (message instanceof TextMessage) {
                        listener.sent(size);
                    }
                } catch (IOException | RuntimeException e) {
                    // the connection is broken or being closed; the handler's close callback tidies up
                    queue.clear();
                } finally {
                    writeStarted = 0;
                }
            }
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private void closeQuietly(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException ignored) {
            // already closed or broken; nothing left to tell the client
        }
    }
}
