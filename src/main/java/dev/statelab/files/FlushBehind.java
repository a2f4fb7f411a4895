package dev.statelab.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts writing a large upload back to disk while it still arrives. Without it every byte waits in the
 * page cache until the final force, which then writes the whole file while the client waits for its
 * answer (about half a second per GiB on the machines measured). Every {@link #EVERY} bytes a helper
 * thread forces what is written so far, at most one per upload and only while a helper is free: it is a
 * head start, never a promise; the final force that the atomic write does is what makes the file durable.
 */
final class FlushBehind {

    static final long EVERY = 32L << 20;
    private static final int HELPERS = 4;

    private static final AtomicInteger count = new AtomicInteger();
    private static final ThreadPoolExecutor helpers = new ThreadPoolExecutor(0, HELPERS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "upload-flush-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    private final FileChannel channel;
    /** False for writes left to the page cache: nothing is forced, early or late. */
    private final boolean enabled;
    private long startedAt;
    private Future<?> running = CompletableFuture.completedFuture(null);

    FlushBehind(FileChannel channel, boolean enabled) {
        this.channel = channel;
        this.enabled = enabled;
    }

    /** @param total the bytes written so far */
    void written(long total) {
        if (!enabled || total - startedAt < EVERY || !running.isDone()) {
            return;
        }
        try {
            running = helpers.submit(this::force);
            startedAt = total;
        } catch (RejectedExecutionException e) {
            // every helper is busy with other uploads: this one flushes at the end, as it always does
        }
    }

    /** Waits for a force under way, so the channel is not closed beneath it. */
    void awaitRunning() {
        boolean interrupted = false;
        while (true) {
            try {
                running.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            // a real write failure shows in the upload's own writes and its final force
        }
    }
}
