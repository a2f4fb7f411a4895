package dev.statelab.sockets;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.statelab.traffic.TrafficMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every meter of the sockets lab, in one place: {@code statelab.sockets.tcp.connections} (open now),
 * {@code statelab.sockets.tcp.refused} (by reason), {@code statelab.sockets.udp.datagrams} (by outcome),
 * {@code statelab.sockets.udp.peers}, and the shared {@code statelab.bytes} with
 * {@code api=sockets-tcp|sockets-udp}.
 */
final class SocketsMetrics {


    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter tcpIn;
    private final Counter tcpOut;
    private final Counter udpIn;
    private final Counter udpOut;

    SocketsMetrics(MeterRegistry registry) {
        this.registry = registry;
        tcpIn = bytes("sockets-tcp", "in");
        tcpOut = bytes("sockets-tcp", "out");
        udpIn = bytes("sockets-udp", "in");
        udpOut = bytes("sockets-udp", "out");
    }

    void tcpConnections(Supplier<Number> open) {
        Gauge.builder("statelab.sockets.tcp.connections", open).description("Open TCP connections of the sockets lab")
                .register(registry);
    }

    void udpPeers(Supplier<Number> peers) {
        Gauge.builder("statelab.sockets.udp.peers", peers).description("UDP senders kept in the recent list")
                .register(registry);
    }

    /** reason: total, per-address, threads, idle, bytes, line. */
    void tcpRefused(String reason) {
        counters.computeIfAbsent("refused/" + reason, key -> Counter.builder("statelab.sockets.tcp.refused")
                .tag("reason", reason).description("TCP connections refused or closed by a limit")
                .register(registry)).increment();
    }

    /** outcome: echoed, simulated-loss, rate-limited, bad-prefix, overflow. */
    void datagram(String outcome) {
        // looked up once per outcome: this runs for every datagram
        counters.computeIfAbsent("datagram/" + outcome, key -> Counter.builder("statelab.sockets.udp.datagrams")
                .tag("outcome", outcome).description("UDP datagrams received, by what became of them")
                .register(registry)).increment();
    }

    void tcpBytesIn(int n) {
        tcpIn.increment(n);
    }

    void tcpBytesOut(int n) {
        tcpOut.increment(n);
    }

    void udpBytesIn(int n) {
        udpIn.increment(n);
    }

    void udpBytesOut(int n) {
        udpOut.increment(n);
    }

    private Counter bytes(String api, String direction) {
        return TrafficMeters.bytes(registry, api, direction);
    }
}
