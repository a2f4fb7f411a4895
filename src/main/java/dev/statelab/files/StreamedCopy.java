package dev.statelab.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jspecify.annotations.Nullable;

/**
 * Copies a body into a file through one fixed buffer, enforcing the size limit as bytes arrive. Read
 * failures (the client went away) and write failures (the disk) are told apart, so a cut upload is the
 * client's error and a full disk is the server's.
 */
final class StreamedCopy {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final long limit;
    private final long reportedLimit;

    /** @param limit how many bytes may arrive; also the limit a refusal names */
    StreamedCopy(long limit) {
        this(limit, limit);
    }

    /** @param reportedLimit the limit a refusal names, when {@code limit} is what is left of it (an append) */
    StreamedCopy(long limit, long reportedLimit) {
        this.limit = Math.max(0, limit);
        this.reportedLimit = reportedLimit;
    }

    /** Writes into a new file, forced to disk before returning; the caller deletes it on failure. */
    void toNewFile(InputStream body, Path file, long expectedLength) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            toChannel(body, channel, expectedLength, file.getParent());
            channel.force(true);
        }
    }

    /** @param folder where the file lies, to tell up front whether its volume can hold {@code expectedLength} */
    long toChannel(InputStream body, FileChannel channel, long expectedLength, @Nullable Path folder) throws IOException {
        if (expectedLength > limit) {
            throw new UploadTooLargeException(reportedLimit);
        }
        if (DiskSpace.cannotHold(folder, expectedLength)) {
            throw new InsufficientStorageException();
        }
        byte[] buffer = new byte[BUFFER_SIZE];
        ByteBuffer wrapper = ByteBuffer.wrap(buffer);
        long total = 0;
        while (true) {
            int read = readFrom(body, buffer);
            if (read < 0) {
                break;
            }
            total += read;
            if (expectedLength >= 0 && total > expectedLength) {
                throw new IncompleteUploadException("the body is longer than the announced " + expectedLength + " bytes");
            }
            if (total > limit) {
                throw new UploadTooLargeException(reportedLimit);
            }
            wrapper.clear().limit(read);
            while (wrapper.hasRemaining()) {
                channel.write(wrapper);
            }
        }
        if (expectedLength >= 0 && total != expectedLength) {
            throw new IncompleteUploadException("the body ended after " + total + " of " + expectedLength + " bytes");
        }
        return total;
    }

    private static int readFrom(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new IncompleteUploadException("the upload was cut off before it was complete", e);
        }
    }
}
