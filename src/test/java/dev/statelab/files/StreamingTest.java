package dev.statelab.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Content passes through the store in a fixed buffer: the heap a transfer allocates does not grow with the file. */
class StreamingTest {

    private static final long SIZE = 256L * 1024 * 1024;

    @TempDir
    Path tempDir;

    @Test
    void a256MibWriteAndReadAllocateFarLessThanTheFile() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        FileStore store = new FileStore(new FileStoreProperties(tempDir, DataSize.ofGigabytes(1)));
        UserPath path = UserPath.parse("big.bin");

        long beforeWrite = threads.getThreadAllocatedBytes(thread);
        store.write("alice", path, new Generated(SIZE), SIZE, WritePrecondition.NONE);
        long written = threads.getThreadAllocatedBytes(thread) - beforeWrite;

        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        long checksum = 0;
        long beforeRead = threads.getThreadAllocatedBytes(thread);
        try (InputStream in = store.read("alice", path).openStream(0)) {
            for (int n; (n = in.read(buffer)) > 0; read += n) {
                checksum += buffer[n - 1];
            }
        }
        long reading = threads.getThreadAllocatedBytes(thread) - beforeRead;

        assertThat(read).isEqualTo(SIZE);
        assertThat(checksum).isEqualTo(new Generated(SIZE).lastBytesSum(buffer.length));
        assertThat(written).as("bytes allocated while writing").isLessThan(SIZE / 64);
        assertThat(reading).as("bytes allocated while reading").isLessThan(SIZE / 64);
    }

    /** A body made on the fly: nothing of it exists in memory beyond the caller's buffer. */
    private static final class Generated extends InputStream {
        private final long size;
        private long position;

        Generated(long size) {
            this.size = size;
        }

        private static byte at(long i) {
            return (byte) (i * 31 + (i >>> 12));
        }

        @Override
        public int read() {
            return position < size ? at(position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = at(position++);
            }
            return n;
        }

        /** Sum of the last byte of each full chunk of {@code chunk} bytes, as the reader computes it. */
        long lastBytesSum(int chunk) {
            long sum = 0;
            for (long end = chunk; end <= size; end += chunk) {
                sum += at(end - 1);
            }
            return sum;
        }
    }
}
