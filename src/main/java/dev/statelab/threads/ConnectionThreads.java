package dev.statelab.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where connections that block on their sockets run: a virtual thread per connection where the JVM has
 * them (21 and later), where blocking costs next to nothing; otherwise platform threads, bounded, so that
 * a flood of connections is refused ({@link java.util.concurrent.RejectedExecutionException}) rather than
 * queued or given thousands of threads. {@code shutdownNow} interrupts both kinds.
 */
public final class ConnectionThreads {

    private ConnectionThreads() {
    }

    /**
     * @param name               the prefix of the threads' names
     * @param maxPlatformThreads the most platform threads on a JVM without virtual threads
     */
    public static ExecutorService forThisJvm(String name, int maxPlatformThreads) {
        return forJava(Runtime.version().feature(), name, maxPlatformThreads);
    }

    /** {@code virtual} or {@code platform}: what {@link #forThisJvm} gives on this JVM. */
    public static String kindForThisJvm() {
        return Runtime.version().feature() >= 21 ? "virtual" : "platform";
    }

    /** As {@link #forThisJvm}, for the given Java version (platform threads below 21 on any JVM). */
    static ExecutorService forJava(int javaFeature, String name, int maxPlatformThreads) {
        if (javaFeature >= 21) {
            try {
                return virtualThreadPerTask(name);
            } catch (ReflectiveOperationException e) {
                // not a JVM with virtual threads after all: the bounded pool below
            }
        }
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Math.max(1, maxPlatformThreads), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, name + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    // looked up, not called, because the code is compiled for Java 17:
    // Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name, 1).factory())
    private static ExecutorService virtualThreadPerTask(String name) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
        builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, name, 1L);
        ThreadFactory factory = (ThreadFactory) ofVirtual.getMethod("factory").invoke(builder);
        return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                .invoke(null, factory);
    }
}
