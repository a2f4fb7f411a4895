package dev.statelab.relay;

import org.springframework.context.SmartLifecycle;

/**
 * Stops the relay before what it stands on: in the first phase of a shutdown every connection leaves
 * its room and is closed with 1001 (going away). With a shared store this runs before the Redis
 * connection factory stops (phase 0), so the members leave presence on every instance at once; left to
 * the web server, the sockets would close only when it is destroyed, after the factory, and each leave
 * would fail against a stopped client.
 */
final class RelayShutdown implements SmartLifecycle {

    private final ChatHandler handler;
    private volatile boolean running;

    RelayShutdown(ChatHandler handler) {
        this.handler = handler;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        handler.goingAway();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Among the first to stop, before the web server's graceful shutdown and the store's client. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
