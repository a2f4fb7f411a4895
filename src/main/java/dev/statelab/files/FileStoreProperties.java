package dev.statelab.files;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the files live, how large one upload may be and how deep folders may nest.
 *
 * @param root          the folder that holds every user's home ({@code <root>/<user>/})
 * @param maxUploadSize larger uploads are refused (413) and leave nothing behind
 * @param maxDepth      no folder may lie more than this many levels below a home; a mkdir, move or copy
 *                      that would make one is refused (400) and changes nothing
 * @param syncWrites    force every new file content to disk ({@code fsync}) before it replaces the old: an
 *                      upload that was answered survives a power loss. With false the bytes are left to the
 *                      page cache, as vsftpd and nginx do: writes stay whole or absent for readers and for a
 *                      crashed process, but a crash of the machine may lose the last seconds of uploads
 * @param smallFileCache bytes of small files (up to 64 KiB each) kept in memory for reads, by version, so
 *                      a file read again and again is not opened each time; 0 turns the cache off
 */
@ConfigurationProperties("statelab.storage")
public record FileStoreProperties(
        @DefaultValue("./data") Path root,
        @DefaultValue("10GB") DataSize maxUploadSize,
        @DefaultValue("256") int maxDepth,
        @DefaultValue("true") boolean syncWrites,
        @DefaultValue("16MB") DataSize smallFileCache) {

    public static final int DEFAULT_MAX_DEPTH = 256;
    public static final DataSize DEFAULT_SMALL_FILE_CACHE = DataSize.ofMegabytes(16);

    @ConstructorBinding
    public FileStoreProperties {
        if (smallFileCache.isNegative()) {
            throw new IllegalArgumentException("statelab.storage.small-file-cache must not be negative, not " + smallFileCache);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("statelab.storage.max-depth must be at least 1, not " + maxDepth);
        }
    }

    public FileStoreProperties(Path root, DataSize maxUploadSize) {
        this(root, maxUploadSize, DEFAULT_MAX_DEPTH);
    }

    public FileStoreProperties(Path root, DataSize maxUploadSize, int maxDepth) {
        this(root, maxUploadSize, maxDepth, true);
    }

    public FileStoreProperties(Path root, DataSize maxUploadSize, int maxDepth, boolean syncWrites) {
        this(root, maxUploadSize, maxDepth, syncWrites, DEFAULT_SMALL_FILE_CACHE);
    }
}
