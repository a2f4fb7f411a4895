package dev.statelab.sockets;

/** Impairment as the API shows it; {@code simulated} is always true, to say that loopback itself loses nothing. */
record ImpairmentView(double loss, double reorder, long delayMs, boolean simulated) {

    static ImpairmentView of(Impairment impairment) {
        return new ImpairmentView(impairment.loss(), impairment.reorder(), impairment.delay().toMillis(), true);
    }
}
