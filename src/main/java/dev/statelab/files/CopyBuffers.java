package dev.statelab.files;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffers uploads are copied through. Direct buffers come from a small pool, so direct memory stays
 * bounded however many uploads run (and is not left for the garbage collector to find); when the pool is
 * empty an upload gets a heap buffer, which only costs one more copy. Streams always get a heap buffer,
 * since they read into an array anyway.
 */
final class CopyBuffers {

    static final int SIZE = 128 * 1024;
    private static final int SMALLEST = 8 * 1024;
    private static final int POOLED = 32;

    private static final BlockingQueue<ByteBuffer> idle = new ArrayBlockingQueue<>(POOLED);
    private static final AtomicInteger created = new AtomicInteger();

    private CopyBuffers() {
    }

    /** @param expectedLength the announced length, or -1: a small upload gets a small heap buffer */
    static Lease lease(boolean heap, long expectedLength) {
        if (heap || (expectedLength >= 0 && expectedLength < SMALLEST)) {
            long wanted = expectedLength < 0 ? SIZE : Math.min(SIZE, Math.max(SMALLEST, expectedLength + 1));
            return new Lease(ByteBuffer.allocate((int) wanted), false);
        }
        ByteBuffer pooled = idle.poll();
        if (pooled == null && created.incrementAndGet() <= POOLED) {
            pooled = ByteBuffer.allocateDirect(SIZE);
        } else if (pooled == null) {
            created.decrementAndGet();
            return new Lease(ByteBuffer.allocate(SIZE), false);
        }
        return new Lease(pooled, true);
    }

    /** One buffer in use; closing it gives a pooled buffer back. */
    static final class Lease implements AutoCloseable {
        private final ByteBuffer buffer;
        private final boolean pooled;

        private Lease(ByteBuffer buffer, boolean pooled) {
            this.buffer = buffer;
            this.pooled = pooled;
        }

        ByteBuffer buffer() {
            return buffer;
        }

        @Override
        public void close() {
            if (pooled) {
                buffer.clear();
                idle.offer(buffer);
            }
        }
    }
}
