package dev.statelab.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a {@link StoredFile} from the disk in one attribute call. */
final class Metadata {

    private static final Logger log = LoggerFactory.getLogger(Metadata.class);

    private Metadata() {
    }

    /**
     * Null when nothing is there, also when a folder on the way is a file ({@code a.txt/b}) and for what
     * is neither a file nor a folder (a named pipe or device made on the server): opening a pipe would wait
     * for a writer forever.
     */
    static @Nullable StoredFile read(UserPath path, Location location) {
        BasicFileAttributes known = location.attributes();
        return known != null ? of(path, known) : read(path, location.entry());
    }

    /** As {@link #read(UserPath, Location)}, for a place found some other way. */
    static @Nullable StoredFile read(UserPath path, Path location) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(location, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            // ENOTDIR has no exception type of its own, and its message text depends on the locale.
            if (location.getParent() != null && !Files.isDirectory(location.getParent())) {
                return null;
            }
            throw unreadable(path, e);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        return of(path, attributes);
    }

    private static @Nullable StoredFile of(UserPath path, BasicFileAttributes attributes) {
        if (!attributes.isRegularFile() && !attributes.isDirectory()) {
            return null;
        }
        StoredFile.Type type = attributes.isDirectory() ? StoredFile.Type.DIR : StoredFile.Type.FILE;
        long size = attributes.isDirectory() ? 0 : attributes.size();
        return new StoredFile(path, type, size, attributes.lastModifiedTime().toInstant(), etag(attributes));
    }

    private static StorageFailureException unreadable(UserPath path, IOException e) {
        log.error("Could not read the attributes of {}", path, e);
        return new StorageFailureException("could not read " + path, e);
    }

    /**
     * Size, modification time in nanoseconds and the file's identity (inode): every atomic replacement
     * creates a new file, and the store keeps each replacement's time after the one it replaces, so
     * two versions of one path never share an ETag even when the clock is coarse and inodes are reused.
     */
    private static String etag(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return "\"" + Long.toHexString(attributes.size())
                + "-" + Long.toHexString(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS))
                + "-" + Integer.toHexString(key == null ? 0 : key.hashCode()) + "\"";
    }
}
