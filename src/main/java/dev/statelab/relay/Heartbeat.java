package dev.statelab.relay;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.PingMessage;

/**
 * Every ping interval: sends a WebSocket ping to each connection, drops those that have sent nothing
 * (not even a pong) for longer than the interval plus the pong timeout, gives up clients whose current
 * write hangs, and lets the relay forget rooms that stayed empty too long.
 */
final class Heartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final ChatHandler handler;
    private final Relay relay;
    private final RelayProperties limits;
    private volatile @Nullable ScheduledExecutorService timer;

    Heartbeat(ChatHandler handler, Relay relay, RelayProperties limits) {
        this.handler = handler;
        this.relay = relay;
        this.limits = limits;
    }

    void beat() {
        Duration silence = limits.pingInterval().plus(limits.pongTimeout());
        for (Connection connection : handler.connections()) {
            if (connection.silentFor(silence)) {
                handler.drop(connection, ChatHandler.NO_PONG);
            } else {
                connection.check();
                connection.send(new PingMessage());
            }
        }
        relay.sweep();
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "relay-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = limits.pingInterval().toMillis();
        timer.scheduleAtFixedRate(this::beatSafely, period, period, TimeUnit.MILLISECONDS);
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            // one bad tick must not cancel every later one
            log.warn("Relay heartbeat failed", e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        if (running != null) {
            running.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
