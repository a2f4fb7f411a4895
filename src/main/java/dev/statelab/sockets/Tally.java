package dev.statelab.sockets;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Counts what came back of numbers 1..sent: delivered, lost, out of order, duplicates, latency. */
final class Tally {

    private final int sent;
    private final BitSet seen = new BitSet();
    private final List<BurstResult.Arrival> arrivals = new ArrayList<>();
    private int highest;
    private int outOfOrder;
    private int duplicates;

    Tally(int sent) {
        this.sent = sent;
    }

    synchronized void arrived(int seq, double latencyMs) {
        if (seq < 1 || seq > sent) {
            return;
        }
        if (seen.get(seq)) {
            duplicates++;
            return;
        }
        seen.set(seq);
        if (seq < highest) {
            outOfOrder++;
        }
        highest = Math.max(highest, seq);
        arrivals.add(new BurstResult.Arrival(seq, latencyMs));
    }

    synchronized boolean complete() {
        return seen.cardinality() == sent;
    }

    synchronized BurstResult.Outcome outcome() {
        double[] latencies = arrivals.stream().mapToDouble(BurstResult.Arrival::latencyMs).sorted().toArray();
        List<Integer> lost = new ArrayList<>();
        for (int seq = 1; seq <= sent; seq++) {
            if (!seen.get(seq)) {
                lost.add(seq);
            }
        }
        return new BurstResult.Outcome(sent, arrivals.size(), lost.size(), outOfOrder, duplicates,
                at(latencies, 0), at(latencies, 0.5), at(latencies, 0.95), at(latencies, 1),
                List.copyOf(arrivals), List.copyOf(lost));
    }

    private static double at(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        double value = sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        return Math.round(value * 1000) / 1000.0;
    }
}
