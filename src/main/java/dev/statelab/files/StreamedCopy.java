package dev.statelab.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jspecify.annotations.Nullable;

/**
 * Copies a body into a file through one fixed buffer, enforcing the size limit as bytes arrive. Read
 * failures (the client went away) and write failures (the disk) are told apart, so a cut upload is the
 * client's error and a full disk is the server's.
 *
 * <p>A channel body (a socket) is read straight into a direct buffer, so the bytes never pass through the
 * Java heap; a stream body (a servlet request) into a heap buffer. Each buffer is filled before it is
 * written, because a servlet stream hands out a few KiB per read and a write per read costs a system
 * call each. When writes are synced, writing back starts while the body still arrives ({@link FlushBehind}),
 * so the final force only waits for the last few MiB; unsynced, the bytes are left to the page cache.
 */
final class StreamedCopy {

    private final long limit;
    private final long reportedLimit;
    private final boolean sync;

    /**
     * @param limit how many bytes may arrive; also the limit a refusal names
     * @param sync  whether a written file is forced to disk ({@code fsync}) before it is used
     */
    StreamedCopy(long limit, boolean sync) {
        this(limit, limit, sync);
    }

    private StreamedCopy(long limit, long reportedLimit, boolean sync) {
        this.limit = Math.max(0, limit);
        this.reportedLimit = reportedLimit;
        this.sync = sync;
    }

    /** The same copy with {@code used} bytes of its limit already taken (an append); a refusal still names the whole limit. */
    StreamedCopy leaving(long used) {
        return new StreamedCopy(limit - used, reportedLimit, sync);
    }

    /** Writes into a new file, forced to disk before returning when writes are synced; the caller deletes it on failure. */
    void toNewFile(ReadableByteChannel body, Path file, long expectedLength) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            toChannel(body, channel, expectedLength, file.getParent());
            force(channel);
        }
    }

    /** Forces what was written to disk, data and metadata, when writes are synced. */
    void force(FileChannel channel) throws IOException {
        if (sync) {
            channel.force(true);
        }
    }

    /**
     * Writes at the channel's position; the caller forces the channel ({@link #force}).
     *
     * @param folder where the file lies, to tell up front whether its volume can hold {@code expectedLength}
     */
    long toChannel(ReadableByteChannel body, FileChannel channel, long expectedLength, @Nullable Path folder) throws IOException {
        if (expectedLength > limit) {
            throw new UploadTooLargeException(reportedLimit);
        }
        if (DiskSpace.cannotHold(folder, expectedLength)) {
            throw new InsufficientStorageException();
        }
        boolean viaHeap = body instanceof StreamChannel;
        try (CopyBuffers.Lease lease = CopyBuffers.lease(viaHeap, expectedLength)) {
            FlushBehind flush = new FlushBehind(channel, sync);
            try {
                return copy(body, channel, lease.buffer(), expectedLength, flush);
            } finally {
                flush.awaitRunning();
            }
        }
    }

    private long copy(ReadableByteChannel body, FileChannel channel, ByteBuffer buffer, long expectedLength,
                      FlushBehind flush) throws IOException {
        long total = 0;
        boolean ended = false;
        while (!ended) {
            buffer.clear();
            ended = fill(body, buffer);
            total += buffer.position();
            if (expectedLength >= 0 && total > expectedLength) {
                throw new IncompleteUploadException("the body is longer than the announced " + expectedLength + " bytes");
            }
            if (total > limit) {
                throw new UploadTooLargeException(reportedLimit);
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            flush.written(total);
        }
        if (expectedLength >= 0 && total != expectedLength) {
            throw new IncompleteUploadException("the body ended after " + total + " of " + expectedLength + " bytes");
        }
        return total;
    }

    /** Reads until the buffer is full or the body ends; true when it ended. */
    private static boolean fill(ReadableByteChannel body, ByteBuffer buffer) {
        try {
            while (buffer.hasRemaining()) {
                if (body.read(buffer) < 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new IncompleteUploadException("the upload was cut off before it was complete", e);
        }
    }
}
