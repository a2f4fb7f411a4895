package dev.statelab.sockets;

import java.time.Duration;

/**
 * What the UDP echo does to a datagram on purpose: drop it, hold it back behind the next one, delay it.
 * All of it is simulated; loopback itself loses nothing.
 */
record Impairment(double loss, double reorder, Duration delay) {

    static final Impairment NONE = new Impairment(0, 0, Duration.ZERO);

    Impairment {
        if (!(loss >= 0 && loss <= 1) || !(reorder >= 0 && reorder <= 1)) {
            throw new IllegalArgumentException("loss and reorder are probabilities between 0 and 1");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
    }

    static Impairment of(SocketsProperties.Udp udp) {
        return new Impairment(udp.simulatedLoss(), udp.simulatedReorder(), udp.simulatedDelay());
    }

    boolean any() {
        return loss > 0 || reorder > 0 || !delay.isZero();
    }
}
