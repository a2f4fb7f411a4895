package dev.statelab.ftp.port;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads control connections and their transfers run on. Each one blocks on its socket, which costs
 * next to nothing on a virtual thread (Java 21 and later); on Java 17 they are platform threads, so the
 * pool is bounded and a connection beyond the bound is refused rather than queued.
 */
final class ConnectionThreads {

    private ConnectionThreads() {
    }

    static ExecutorService create(int maxPlatformThreads) {
        if (Runtime.version().feature() >= 21) {
            try {
                // looked up, not called directly, because the code is compiled for Java 17
                Method virtual = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
                return (ExecutorService) virtual.invoke(null);
            } catch (ReflectiveOperationException e) {
                // fall through to the platform pool
            }
        }
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, maxPlatformThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "ftp-port-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
