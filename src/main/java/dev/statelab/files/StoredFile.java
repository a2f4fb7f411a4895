package dev.statelab.files;

import java.time.Instant;

/**
 * What the store knows about one file or folder at the moment it was read.
 *
 * @param etag a strong validator: it changes whenever the content is replaced (new inode, size or time)
 */
public record StoredFile(UserPath path, Type type, long size, Instant modified, String etag) {

    public enum Type { FILE, DIR }

    public String name() {
        return path.name();
    }

    public boolean isDirectory() {
        return type == Type.DIR;
    }
}
