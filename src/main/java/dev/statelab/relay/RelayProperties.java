package dev.statelab.relay;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the WebSocket relay. Every default works on a fresh machine; see the README for the close
 * code each limit leads to.
 *
 * @param allowedOrigins     Origin patterns a browser may connect from, besides the page's own origin;
 *                           a request without an Origin header (a non-browser client) is always allowed
 * @param maxMessageSize     the largest text frame a client may send; larger closes with 1009. Leave room
 *                           for a signal of {@code max-signal-size} plus its envelope
 * @param maxTextLength      the longest chat text, in characters; longer gets the error {@code text-invalid}
 * @param historySize        messages kept per room for history and recovery
 * @param maxRooms           rooms at once; when full, the room that has been empty longest is forgotten to make
 *                           space, and only when every room has members does a new one get {@code too-many-rooms}
 * @param newRoomsPerConnection rooms one connection may open over its life; one more gets the error
 *                           {@code too-many-new-rooms}
 * @param newRoomsPerAddress rooms the connections of one IP address may open together per
 *                           {@code new-rooms-window}; one more gets the error {@code too-many-new-rooms}
 * @param newRoomsWindow     the window of {@code new-rooms-per-address} (the allowance refills evenly over it)
 * @param maxHistoryBytes    what the histories of all rooms may hold together (estimated: 128 bytes plus two
 *                           per character of each message); beyond it the oldest messages of the largest
 *                           history are dropped
 * @param maxMembersPerRoom  members per room; one more gets the error {@code room-full}
 * @param maxConnections     open connections; one more is closed with 1013. Keep it below Tomcat's
 *                           {@code server.tomcat.max-connections} (8192), which covers HTTP requests too
 * @param messagesPerSecond  sustained inbound frames per second and connection
 * @param burst              inbound frames a connection may send at once before the rate applies
 * @param maxSignalSize      the largest {@code data} of a signal, as compact JSON in UTF-8; larger gets the
 *                           error {@code signal-too-large}
 * @param signalsPerSecond   sustained signals per second and connection; faster gets the error
 *                           {@code rate-limited} (the connection stays open)
 * @param signalBurst        signals a connection may send at once before that rate applies
 * @param pingInterval       how often the server sends a WebSocket ping to every connection
 * @param pongTimeout        a connection that sent nothing (not even a pong) for ping-interval plus this
 *                           long is dropped with 4001
 * @param sendTimeLimit      longest a single write to a client may take before it is dropped with 4000
 * @param sendBufferLimit    most bytes queued for one client before it is dropped with 4000
 * @param emptyRoomTtl       how long an empty room keeps its history (and epoch) for members coming back
 * @param ticketTtl          lifetime of a one-time sign-in ticket from {@code POST /api/relay/ticket}
 * @param socketBufferSize   when set, the size of Tomcat's per-socket read and write buffers (8 KiB each by
 *                           default) for every connection of the server: a smaller size saves heap when
 *                           holding many idle WebSockets, at some cost to large HTTP transfers
 * @param websocketBufferSize Tomcat's input, output and encoder buffers of every WebSocket (Tomcat's own
 *                           default is 8 KiB each); a frame larger than this goes out as continuation frames.
 *                           Read once per JVM, when the application starts (see {@link WebSocketBufferSize})
 * @param presenceTtl        with {@code statelab.store=redis}: how long a member stays present in the shared
 *                           store without a refresh, so the members of an instance that died leave within it
 * @param presenceRefresh    with {@code statelab.store=redis}: how often an instance refreshes its members'
 *                           presence; keep it well below {@code presence-ttl}
 */
@ConfigurationProperties("statelab.relay")
public record RelayProperties(
        @DefaultValue({"http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"}) List<String> allowedOrigins,
        @DefaultValue("20KB") DataSize maxMessageSize,
        @DefaultValue("2000") int maxTextLength,
        @DefaultValue("100") int historySize,
        @DefaultValue("1000") int maxRooms,
        @DefaultValue("10") int newRoomsPerConnection,
        @DefaultValue("30") int newRoomsPerAddress,
        @DefaultValue("10m") Duration newRoomsWindow,
        @DefaultValue("32MB") DataSize maxHistoryBytes,
        @DefaultValue("5000") int maxMembersPerRoom,
        @DefaultValue("8000") int maxConnections,
        @DefaultValue("10") int messagesPerSecond,
        @DefaultValue("30") int burst,
        @DefaultValue("16KB") DataSize maxSignalSize,
        @DefaultValue("5") int signalsPerSecond,
        @DefaultValue("20") int signalBurst,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("20s") Duration pongTimeout,
        @DefaultValue("5s") Duration sendTimeLimit,
        @DefaultValue("1MB") DataSize sendBufferLimit,
        @DefaultValue("10m") Duration emptyRoomTtl,
        @DefaultValue("30s") Duration ticketTtl,
        @Nullable DataSize socketBufferSize,
        @DefaultValue("512B") DataSize websocketBufferSize,
        @DefaultValue("20s") Duration presenceTtl,
        @DefaultValue("5s") Duration presenceRefresh) {
}
