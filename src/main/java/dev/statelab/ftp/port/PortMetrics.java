package dev.statelab.ftp.port;

import java.util.function.Supplier;

import dev.statelab.traffic.TrafficMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The FTP port's meters: control connections open, data connections opened, and bytes by direction and
 * channel ({@code statelab.bytes{api=ftp-port,direction,channel}}).
 */
final class PortMetrics {

    private final Counter dataConnections;
    private final Counter controlIn;
    private final Counter controlOut;
    private final Counter dataIn;
    private final Counter dataOut;

    PortMetrics(MeterRegistry registry, Supplier<Number> openControlConnections) {
        Gauge.builder("statelab.ftp.control.connections", openControlConnections)
                .description("FTP control connections open").register(registry);
        dataConnections = Counter.builder("statelab.ftp.data.connections")
                .description("FTP data connections opened").register(registry);
        controlIn = bytes(registry, "in", "control");
        controlOut = bytes(registry, "out", "control");
        dataIn = bytes(registry, "in", "data");
        dataOut = bytes(registry, "out", "data");
    }

    private static Counter bytes(MeterRegistry registry, String direction, String channel) {
        return TrafficMeters.bytes(registry, "ftp-port", direction, "channel", channel);
    }

    void dataConnectionOpened() {
        dataConnections.increment();
    }

    void controlIn(long bytes) {
        controlIn.increment(bytes);
    }

    void controlOut(long bytes) {
        controlOut.increment(bytes);
    }

    void dataIn(long bytes) {
        dataIn.increment(bytes);
    }

    void dataOut(long bytes) {
        dataOut.increment(bytes);
    }
}
