package dev.statelab.sockets;

import java.net.SocketAddress;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * One UDP sender (IP and port) as the lab remembers it: counts, the last time it was heard, how many of
 * its datagrams the simulation has judged so far, and at most one echo held back for reordering.
 */
final class UdpPeer {

    /** What the table shows of a sender. */
    record View(String remote, long datagramsIn, long datagramsOut, Instant last) {
    }

    final SocketAddress address;
    private final String remote;
    private final AtomicLong datagramsIn = new AtomicLong();
    private final AtomicLong datagramsOut = new AtomicLong();
    private final AtomicLong judged = new AtomicLong();
    private volatile Instant last = Instant.now();
    // guarded by this
    private byte @Nullable [] held;
    private @Nullable ScheduledFuture<?> heldTimer;

    UdpPeer(SocketAddress address) {
        this.address = address;
        this.remote = Endpoints.format(address);
    }

    void heard() {
        datagramsIn.incrementAndGet();
        last = Instant.now();
    }

    void sent() {
        datagramsOut.incrementAndGet();
    }

    /** 0 for the sender's first datagram that reaches the simulation, then 1, 2… */
    long nextIndex() {
        return judged.getAndIncrement();
    }

    View view() {
        return new View(remote, datagramsIn.get(), datagramsOut.get(), last);
    }

    /** Call with this peer's lock held. */
    boolean holding() {
        return held != null;
    }

    /** Call with this peer's lock held. */
    void hold(byte[] payload, ScheduledFuture<?> timer) {
        held = payload;
        heldTimer = timer;
    }

    /** Takes the held echo, if any, and stops its timer. Call with this peer's lock held. */
    byte @Nullable [] release() {
        byte[] payload = held;
        if (heldTimer != null) {
            heldTimer.cancel(false);
        }
        held = null;
        heldTimer = null;
        return payload;
    }
}
