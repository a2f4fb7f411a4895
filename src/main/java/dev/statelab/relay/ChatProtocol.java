package dev.statelab.relay;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The relay's protocol: what each client frame does to the relay and what the client gets back. Knows
 * nothing of sockets; it talks to the {@link Relay} and answers through the {@link Connection}.
 */
final class ChatProtocol {

    private static final Pattern ROOM = Pattern.compile("[\\p{L}\\p{N}._-]{1,40}");
    private static final Pattern NICK = Pattern.compile("[\\p{L}\\p{N}._-]{1,32}");

    private final Relay relay;
    private final Frames frames;
    private final RelayMetrics metrics;
    private final RelayProperties limits;
    private final NewRoomQuota quota;
    private final Set<String> reservedNicks;

    ChatProtocol(Relay relay, Frames frames, RelayMetrics metrics, RelayProperties limits, NewRoomQuota quota,
                 Set<String> accountNames) {
        this.relay = relay;
        this.quota = quota;
        this.frames = frames;
        this.metrics = metrics;
        this.limits = limits;
        this.reservedNicks = accountNames.stream().map(ChatProtocol::fold).collect(Collectors.toUnmodifiableSet());
    }

    void handle(Connection connection, ClientFrame frame) {
        try {
            String type = frame.type() == null ? "" : frame.type();
            switch (type) {
                case "join" -> join(connection, frame);
                case "send" -> send(connection, frame.text());
                case "signal" -> signal(connection, frame);
                case "leave" -> leave(connection);
                case "ping" -> connection.send(frames.pong());
                default -> throw new RelayException("unknown-type",
                        "The type must be one of join, send, signal, leave, ping.");
            }
        } catch (RelayException e) {
            connection.send(frames.error(e.code(), e.getMessage()));
        }
    }

    /** The socket is gone: the connection leaves its room. */
    void closed(Connection connection) {
        String room = connection.room();
        if (room != null) {
            connection.room(null);
            relay.leave(room, connection.id);
        }
    }

    private void join(Connection connection, ClientFrame frame) {
        String room = frame.room();
        if (room == null || !ROOM.matcher(room).matches()) {
            throw new RelayException("room-invalid", "A room name has 1 to 40 letters, digits, '.', '_' or '-'.");
        }
        String nick = nickFor(connection, frame.nick());
        Relay.Position since = frame.since() != null && frame.epoch() != null
                ? new Relay.Position(frame.since(), frame.epoch()) : null;
        closed(connection); // one room per connection: joining another leaves the current one
        relay.join(room, new Member(connection.id, nick, connection.address, connection.user != null), since, connection,
                quota.permitFor(connection));
        connection.room(room);
    }

    private String nickFor(Connection connection, @Nullable String nick) {
        if (connection.user != null) {
            return connection.user; // a verified member always appears under its account name
        }
        if (nick == null || !NICK.matcher(nick).matches()) {
            throw new RelayException("nick-invalid", "A nickname has 1 to 32 letters, digits, '.', '_' or '-'.");
        }
        if (reservedNicks.contains(fold(nick))) {
            throw new RelayException("nick-reserved",
                    "That nickname belongs to an account; sign in to use it, or choose another.");
        }
        return nick;
    }

    private void send(Connection connection, @Nullable String text) {
        String room = connection.room();
        if (room == null) {
            throw new RelayException("not-joined", "Join a room before sending.");
        }
        if (text == null || text.isBlank() || text.length() > limits.maxTextLength()) {
            throw new RelayException("text-invalid",
                    "A message has 1 to " + limits.maxTextLength() + " characters and is not only spaces.");
        }
        // counted before the fan-out, so no member can receive a message the meter does not show yet
        metrics.messageRelayed();
        relay.publish(room, connection.id, text);
    }

    private void signal(Connection connection, ClientFrame frame) {
        String room = connection.room();
        if (room == null) {
            throw new RelayException("not-joined", "Join a room before signaling.");
        }
        JsonNode data = frame.data();
        if (frame.to() == null || data == null || !data.isObject()) {
            throw new RelayException("signal-invalid", "A signal has \"to\" (a member's nickname) and \"data\" (a JSON object).");
        }
        String text = frames.compact(data);
        if (text.getBytes(StandardCharsets.UTF_8).length > limits.maxSignalSize().toBytes()) {
            throw new RelayException("signal-too-large",
                    "The data of a signal may have at most " + limits.maxSignalSize().toBytes() + " bytes.");
        }
        if (!connection.tryAcquireSignal(limits)) {
            throw new RelayException("rate-limited", "You are signaling faster than this relay allows.");
        }
        relay.signal(room, connection.id, frame.to(), text);
        metrics.signalRelayed();
    }

    private void leave(Connection connection) {
        String room = connection.room();
        if (room == null) {
            throw new RelayException("not-joined", "You are not in a room.");
        }
        closed(connection);
        connection.send(frames.left(room));
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
