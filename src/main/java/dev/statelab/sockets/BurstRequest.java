package dev.statelab.sockets;

import org.jspecify.annotations.Nullable;

/**
 * A numbered burst to run: how many messages per protocol, and optionally a simulated impairment for
 * this burst's datagrams (sent as their {@code !sim} prefix); left out, the server's settings apply.
 */
record BurstRequest(@Nullable Integer count, @Nullable Double loss, @Nullable Double reorder, @Nullable Long delayMs) {
}
