package dev.statelab.relay;

import java.util.concurrent.atomic.AtomicInteger;

import dev.statelab.traffic.TrafficMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The relay's meters, under the names the other APIs share: {@code statelab.requests} counts inbound
 * frames and {@code statelab.bytes} text payload bytes, both tagged {@code api=relay}.
 */
final class RelayMetrics {


    final AtomicInteger connections = new AtomicInteger();
    private final Counter messages;
    private final Counter signals;
    private final Counter requests;
    private final Counter bytesIn;
    private final Counter bytesOut;

    RelayMetrics(MeterRegistry registry, Relay relay) {
        Gauge.builder("statelab.relay.connections", connections, AtomicInteger::get)
                .description("Open WebSocket connections to the relay").register(registry);
        Gauge.builder("statelab.relay.rooms", relay, Relay::rooms)
                .description("Rooms the relay holds").register(registry);
        Gauge.builder("statelab.relay.history.bytes", relay, Relay::historyBytes).baseUnit("bytes")
                .description("What the histories of all rooms hold together, estimated").register(registry);
        messages = Counter.builder("statelab.relay.messages")
                .description("Chat messages relayed (each counted once, however many members receive it)")
                .register(registry);
        signals = Counter.builder("statelab.relay.signals")
                .description("Signaling messages handed to their one receiver (never stored)").register(registry);
        requests = TrafficMeters.requests(registry, "relay");
        bytesIn = TrafficMeters.bytes(registry, "relay", "in");
        bytesOut = TrafficMeters.bytes(registry, "relay", "out");
    }

    void frameIn(int bytes) {
        requests.increment();
        bytesIn.increment(bytes);
    }

    void frameOut(int bytes) {
        bytesOut.increment(bytes);
    }

    void messageRelayed() {
        messages.increment();
    }

    void signalRelayed() {
        signals.increment();
    }
}
