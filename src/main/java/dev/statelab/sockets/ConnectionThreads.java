package dev.statelab.sockets;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Where TCP connections run, one blocking thread each: a virtual thread per connection where the JVM
 * has them (21+), otherwise a pool of platform threads bounded just above the connection limit, so that
 * a flood of connections cannot make the process start thousands of threads.
 */
final class ConnectionThreads {

    private final Executor executor;
    private final String kind;
    private final @Nullable ThreadPoolExecutor pool;

    private ConnectionThreads(Executor executor, String kind, @Nullable ThreadPoolExecutor pool) {
        this.executor = executor;
        this.kind = kind;
        this.pool = pool;
    }

    /** @param poolBound the most platform threads on a JVM without virtual threads */
    static ConnectionThreads forThisJvm(int poolBound) {
        return forFeature(Runtime.version().feature(), poolBound);
    }

    /** {@code virtual} or {@code platform}, what {@link #forThisJvm} gives here. */
    static String kindForThisJvm() {
        return Runtime.version().feature() >= 21 ? "virtual" : "platform";
    }

    static ConnectionThreads forFeature(int javaFeature, int poolBound) {
        if (javaFeature >= 21) {
            SimpleAsyncTaskExecutor virtual = new SimpleAsyncTaskExecutor("sockets-tcp-");
            virtual.setVirtualThreads(true);
            return new ConnectionThreads(virtual, "virtual", null);
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Math.max(1, poolBound), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "sockets-tcp-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        return new ConnectionThreads(pool, "platform", pool);
    }

    /** Runs the task; throws {@link java.util.concurrent.RejectedExecutionException} when a bounded pool is full. */
    void run(Runnable task) {
        executor.execute(task);
    }

    /** {@code virtual} or {@code platform}. */
    String kind() {
        return kind;
    }

    void shutdown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
