package dev.statelab.store;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Starts the Redis listeners once the application is ready, on a thread of its own that retries every
 * {@code retry} while Redis is away: an instance must start, and serve the stateless API, without Redis.
 * It is also what stops them, in a phase before the connection factory's (0): a factory stopped while the
 * thread is still subscribing leaves Lettuce's connect waiting forever, with the container's lock held,
 * and the shutdown would hang on that lock.
 */
final class RedisListenersStarter implements ApplicationListener<ApplicationReadyEvent>, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisListenersStarter.class);

    private final RedisMessageListenerContainer listeners;
    private final Duration retry;
    private final Duration stopWait;
    private final Object pause = new Object();
    private volatile boolean running;
    private boolean ready;
    private @Nullable Thread starter;

    /** @param stopWait how long a stop waits for a subscription under way: at least Redis's connect timeout */
    RedisListenersStarter(RedisMessageListenerContainer listeners, Duration retry, Duration stopWait) {
        this.listeners = listeners;
        this.retry = retry;
        this.stopWait = stopWait;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        ready = true;
        launch();
    }

    private synchronized void launch() {
        if (!running || !ready || starter != null) {
            return;
        }
        Thread thread = new Thread(this::startUntilRunning, "statelab-redis-listeners");
        thread.setDaemon(true);
        starter = thread;
        thread.start();
    }

    private void startUntilRunning() {
        while (running && !listeners.isRunning()) {
            try {
                listeners.start();
            } catch (RuntimeException unreachable) {
                synchronized (pause) {
                    try {
                        if (running) {
                            pause.wait(retry.toMillis());
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** At refresh, and again when a stopped context starts (the test framework pauses cached ones so). */
    @Override
    public void start() {
        running = true;
        launch();
    }

    @Override
    public void stop() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = starter;
            starter = null;
        }
        if (thread != null) {
            // woken from its pause, never interrupted: an interrupted subscription logs itself as a failure
            synchronized (pause) {
                pause.notifyAll();
            }
            try {
                thread.join(stopWait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("The Redis listeners were still subscribing after {}; stopping without waiting", stopWait);
            }
        }
        listeners.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the relay's own shutdown (which still publishes), before the web server and the connection factory. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
