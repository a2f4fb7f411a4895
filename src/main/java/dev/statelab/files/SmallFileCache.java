package dev.statelab.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * Whole contents of small files, kept by version: the key is the file's real place and its ETag, which
 * the store keeps distinct for every version of a path (see {@link Versions}), and a version's content
 * never changes, since every write makes a new file and renames it into place. A lookup therefore
 * needs no check of its own: the stat that found the file found its version. Opening, reading and
 * closing a 4 KiB file costs about a fifth of a whole GET; this skips it for the files read again and
 * again. Bounded by bytes; a file is kept only when a second stat after the read still sees the version
 * it read, so a replacement racing the first read is never kept under the old version's tag.
 */
final class SmallFileCache {

    /** Larger files are streamed, or handed to sendfile. */
    static final int MAX_FILE_SIZE = 64 * 1024;
    /** What an entry costs besides its bytes: key, path, tag and the cache's own node, roughly. */
    private static final int ENTRY_OVERHEAD = 256;

    private record Version(Path location, String etag) {
    }

    private final @Nullable Cache<Version, byte[]> contents;

    SmallFileCache(long maxBytes) {
        this.contents = maxBytes <= 0 ? null : Caffeine.newBuilder()
                .executor(Runnable::run) // evict on the caller's thread: the bound holds at every moment
                .maximumWeight(maxBytes)
                .weigher((Version version, byte[] bytes) -> bytes.length + ENTRY_OVERHEAD)
                .build();
    }

    static boolean fits(StoredFile info) {
        return info.size() <= MAX_FILE_SIZE;
    }

    /**
     * The whole content of {@code file}, which {@link #fits} ({@link IllegalArgumentException} if not):
     * the bytes of the version it was found as, or, if it was replaced since, what the read found.
     */
    byte[] read(ReadableFile file) {
        StoredFile info = file.info();
        if (!fits(info)) {
            throw new IllegalArgumentException(info.path() + " is too large to read whole");
        }
        if (contents == null) {
            return readFromDisk(file);
        }
        Version version = new Version(file.location(), info.etag());
        byte[] known = contents.getIfPresent(version);
        if (known != null) {
            return known;
        }
        byte[] bytes = readFromDisk(file);
        StoredFile after = Metadata.read(info.path(), file.location());
        if (after != null && after.etag().equals(info.etag()) && bytes.length == info.size()) {
            contents.put(version, bytes);
        }
        return bytes;
    }

    private static byte[] readFromDisk(ReadableFile file) {
        ByteBuffer buffer = ByteBuffer.allocate((int) file.info().size());
        try (FileChannel channel = file.openChannel(0)) {
            int read = 0;
            while (buffer.hasRemaining() && read >= 0) {
                read = channel.read(buffer);
            }
        } catch (IOException e) {
            throw new StorageFailureException("could not read " + file.info().path(), e);
        }
        // shorter when the file was replaced by a shorter one since it was found: the client sees a short body
        return buffer.position() == buffer.capacity() ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
    }
}
