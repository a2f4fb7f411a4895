package dev.statelab.relay;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;

/**
 * The transport side of {@code /ws/chat}: opens and closes {@link Connection}s, counts frames, applies
 * the connection limit and the rate limit, and hands each parsed frame to the {@link ChatProtocol}.
 * Binary frames are refused with 1003 by {@link TextWebSocketHandler}.
 */
final class ChatHandler extends TextWebSocketHandler {

    static final String USER_ATTRIBUTE = "statelab.relay.user";
    static final CloseStatus TOO_SLOW = new CloseStatus(4000, Outbox.TOO_SLOW);
    static final CloseStatus NO_PONG = new CloseStatus(4001, "no answer to pings");
    static final CloseStatus RATE_LIMITED = CloseStatus.POLICY_VIOLATION.withReason("rate limit exceeded");
    static final CloseStatus TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.withReason("message too big");
    static final CloseStatus FULL = CloseStatus.SERVICE_OVERLOAD.withReason("too many connections");
    static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY.withReason("the server is stopping");

    // Tomcat's own limit on one blocking write; without it a hung write would hold its thread for 20 s
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final Logger log = LoggerFactory.getLogger(ChatHandler.class);

    private final ChatProtocol protocol;
    private final Frames frames;
    private final RelayMetrics metrics;
    private final RelayProperties limits;
    private final Executor executor;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    ChatHandler(ChatProtocol protocol, Frames frames, RelayMetrics metrics, RelayProperties limits, Executor executor) {
        this.protocol = protocol;
        this.frames = frames;
        this.metrics = metrics;
        this.limits = limits;
        this.executor = executor;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        if (metrics.connections.incrementAndGet() > limits.maxConnections()) {
            session.close(FULL);
            return;
        }
        if (session instanceof StandardWebSocketSession standard) {
            standard.getNativeSession().getUserProperties().put(TOMCAT_SEND_TIMEOUT, limits.sendTimeLimit().toMillis());
        }
        Connection connection = new Connection(session, (String) session.getAttributes().get(USER_ATTRIBUTE),
                frames, limits);
        session.getAttributes().clear(); // read once; nothing else needs what the handshake left there
        connection.attach(new Outbox(session, executor, new Outbox.Listener() {
            @Override
            public void sent(int textBytes) {
                metrics.frameOut(textBytes);
            }

            @Override
            public void overflowed() {
                // called during a room's fan-out, with the room locked: leave the room from another thread
                executor.execute(() -> drop(connection, TOO_SLOW));
            }
        }, limits));
        connections.put(session.getId(), connection);
    }

    /**
     * Messages come in parts of at most the container's small text buffer, so an idle connection holds
     * no buffer the size of the largest message; {@link Connection#collect} joins them.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage part) throws IOException {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        Connection.Collected collected = connection.collect(part.getPayload(), part.isLast(),
                limits.maxMessageSize().toBytes());
        if (collected.tooBig()) {
            session.close(TOO_BIG);
            return;
        }
        String text = collected.text();
        if (text == null) {
            return;
        }
        TextMessage message = new TextMessage(text);
        metrics.frameIn(message.getPayloadLength());
        connection.heard();
        if (!connection.tryAcquire()) {
            connection.send(frames.error("rate-limited", "You are sending faster than this relay allows."));
            protocol.closed(connection);
            connection.closeAfterQueued(RATE_LIMITED);
            return;
        }
        ClientFrame frame;
        try {
            frame = frames.parse(message.getPayload());
        } catch (JacksonException e) {
            connection.send(frames.error("bad-json", "Each frame is one JSON object with a \"type\" field."));
            return;
        }
        protocol.handle(connection, frame);
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            connection.heard();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        metrics.connections.decrementAndGet();
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            protocol.closed(connection);
        }
    }

    /** Takes a connection out of its room at once, then closes its socket in the background. */
    void drop(Connection connection, CloseStatus status) {
        protocol.closed(connection);
        connection.close(status, executor);
    }

    /**
     * The relay is stopping: every connection leaves its room now, while the store still answers, and
     * is closed with 1001 in the background (a stuck client must not hold up the others). Its close
     * callback, when the socket is gone, finds nothing left to do.
     */
    void goingAway() {
        for (String id : List.copyOf(connections.keySet())) {
            Connection connection = connections.remove(id);
            if (connection != null) {
                protocol.closed(connection);
                connection.close(GOING_AWAY, executor);
            }
        }
    }

    Collection<Connection> connections() {
        return connections.values();
    }
}
