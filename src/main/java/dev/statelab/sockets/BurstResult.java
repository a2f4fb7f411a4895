package dev.statelab.sockets;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one numbered burst saw, per protocol; a protocol whose port is off is {@code null}.
 *
 * @param impairment the simulated UDP impairment the burst ran with
 */
record BurstResult(int count, ImpairmentView impairment, @Nullable Outcome tcp, @Nullable Outcome udp) {

    /**
     * @param arrivals  echoes in the order they came back
     * @param lostSeqs  numbers that never came back within the burst's wait
     */
    record Outcome(int sent, int delivered, int lost, int outOfOrder, int duplicates,
                   double minMs, double medianMs, double p95Ms, double maxMs,
                   List<Arrival> arrivals, List<Integer> lostSeqs) {
    }

    /** One echo: its number and how long after its sending it came back. */
    record Arrival(int seq, double latencyMs) {
    }
}
