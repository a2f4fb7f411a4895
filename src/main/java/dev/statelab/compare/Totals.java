package dev.statelab.compare;

import java.util.List;

/**
 * One side's sums over a run (counted requests only).
 *
 * @param peakHeldBytes the most the server held for this side's clients at once, after any step
 * @param heldBytesAtEnd what it still held after the last step
 */
public record Totals(int requests, long bytesSent, long bytesReceived, long peakHeldBytes, long heldBytesAtEnd,
                     double millis) {

    static Totals of(List<Step> steps, boolean http) {
        int requests = 0;
        long sent = 0;
        long received = 0;
        double millis = 0;
        long peak = 0;
        long last = 0;
        for (Step step : steps) {
            for (Exchange exchange : http ? step.http() : step.ftp()) {
                if (exchange.counted()) {
                    requests++;
                    sent += exchange.bytesSent();
                    received += exchange.bytesReceived();
                    millis += exchange.millis();
                }
            }
            last = (http ? step.httpHeld() : step.ftpHeld()).stream().mapToLong(Held::bytes).sum();
            peak = Math.max(peak, last);
        }
        return new Totals(requests, sent, received, peak, last, Math.round(millis * 10) / 10.0);
    }
}
