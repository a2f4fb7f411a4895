package dev.statelab.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/** Reads a {@link StoredFile} from the disk in one attribute call. */
final class Metadata {

    private Metadata() {
    }

    static @Nullable StoredFile read(UserPath path, Path location) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(location, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StoredFile.Type type = attributes.isDirectory() ? StoredFile.Type.DIR : StoredFile.Type.FILE;
        long size = attributes.isDirectory() ? 0 : attributes.size();
        return new StoredFile(path, type, size, attributes.lastModifiedTime().toInstant(), etag(attributes));
    }

    /**
     * Size, modification time in nanoseconds and the file's identity (inode): every atomic replacement
     * creates a new inode, so even two writes of the same length within one clock tick differ.
     */
    private static String etag(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return "\"" + Long.toHexString(attributes.size())
                + "-" + Long.toHexString(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS))
                + "-" + Integer.toHexString(key == null ? 0 : key.hashCode()) + "\"";
    }
}
