package dev.statelab.files;

import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** What must (or may) already be on disk before and after an operation, as store exceptions. */
final class DiskState {

    private DiskState() {
    }

    static void requireParentFolder(UserPath path, Path location) {
        if (path.isRoot()) {
            throw new NotAFileException(path);
        }
        UserPath parent = path.parent();
        // a path below the home always lies in a folder on disk
        StoredFile folder = Metadata.read(parent, Objects.requireNonNull(location.getParent()));
        if (folder == null) {
            throw new FileNotFoundException(parent);
        }
        if (!folder.isDirectory()) {
            throw new NotADirectoryException(parent);
        }
    }

    static @Nullable StoredFile existingFile(UserPath path, Path target) {
        StoredFile current = Metadata.read(path, target);
        if (current != null && current.isDirectory()) {
            throw new NotAFileException(path);
        }
        return current;
    }

    /** The metadata just after a change made under the path's lock, so something must be there. */
    static StoredFile after(UserPath path, Path location) {
        StoredFile file = Metadata.read(path, location);
        if (file == null) {
            throw new FileNotFoundException(path);
        }
        return file;
    }
}
