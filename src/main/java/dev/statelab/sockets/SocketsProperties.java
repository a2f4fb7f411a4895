package dev.statelab.sockets;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the sockets lab; every limit is one of these, documented in the README.
 *
 * @param tcpPort                  TCP greeting and line echo; {@code 0} picks a free port (logged), {@code -1} turns it off
 * @param udpPort                  UDP datagram echo; {@code 0} picks a free port (logged), {@code -1} turns it off
 * @param address                  address both ports bind to; unset: every interface
 * @param maxConnections           open TCP connections at once; one more is told so and closed
 * @param maxConnectionsPerAddress open TCP connections from one IP address
 * @param idleTimeout              a TCP connection that sends nothing for this long is closed
 * @param maxBytesPerConnection    bytes a TCP connection may send in its life; beyond, it is closed
 * @param maxLineLength            longest line (without its line end) echoed; longer closes the connection
 * @param udp                      the UDP side
 * @param burst                    the numbered burst run from inside the service
 */
@ConfigurationProperties("statelab.sockets")
public record SocketsProperties(
        @DefaultValue("9999") int tcpPort,
        @DefaultValue("9999") int udpPort,
        @Nullable String address,
        @DefaultValue("200") int maxConnections,
        @DefaultValue("10") int maxConnectionsPerAddress,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("1MB") DataSize maxBytesPerConnection,
        @DefaultValue("8KB") DataSize maxLineLength,
        @DefaultValue Udp udp,
        @DefaultValue Burst burst) {

    /**
     * The UDP echo and its simulated impairment (loopback never loses or reorders anything by itself).
     *
     * @param simulatedLoss          probability (0–1) that an echo is dropped
     * @param simulatedReorder       probability (0–1) that an echo is held back behind the next one to the same sender
     * @param simulatedDelay         added delay per echo
     * @param maxSimulatedDelay      the largest delay a datagram's own {@code !sim} prefix may ask for
     * @param reorderHold            longest an echo is held back waiting for a next one; then it goes anyway
     * @param seed                   seed of the simulation; unset: drawn at start. The fate of a sender's n-th
     *                               datagram depends only on the seed and n, so a run repeats exactly
     * @param datagramsPerSecond     sustained datagrams per second accepted from one IP address; more are dropped
     * @param datagramBurst          datagrams one IP address may send at once before the rate applies
     * @param maxHeld                echoes waiting (delayed or held back) at once; more are dropped
     * @param trackedAddresses       IP addresses whose rate is tracked at once (the least recent are forgotten)
     * @param recentPeers            senders kept for the table at {@code GET /api/sockets} (the least recent go first)
     * @param maxDatagramSize        largest datagram read; the rest of a larger one is cut off by the socket
     * @param receiveBuffer          the UDP socket's receive buffer (SO_RCVBUF; the kernel caps it at
     *                               net.core.rmem_max): datagrams that arrive while it is full are lost for real
     */
    public record Udp(
            @DefaultValue("0") double simulatedLoss,
            @DefaultValue("0") double simulatedReorder,
            @DefaultValue("0ms") Duration simulatedDelay,
            @DefaultValue("5s") Duration maxSimulatedDelay,
            @DefaultValue("200ms") Duration reorderHold,
            @Nullable Long seed,
            @DefaultValue("500") int datagramsPerSecond,
            @DefaultValue("1000") int datagramBurst,
            @DefaultValue("10000") int maxHeld,
            @DefaultValue("10000") int trackedAddresses,
            @DefaultValue("50") int recentPeers,
            @DefaultValue("8KB") DataSize maxDatagramSize,
            @DefaultValue("1MB") DataSize receiveBuffer) {
    }

    /**
     * @param maxMessages most messages per protocol in one burst
     * @param timeout     how long a burst waits for the last echoes
     */
    public record Burst(
            @DefaultValue("500") int maxMessages,
            @DefaultValue("10s") Duration timeout) {
    }
}
