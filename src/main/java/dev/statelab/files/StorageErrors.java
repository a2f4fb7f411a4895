package dev.statelab.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an {@link IOException} from the disk into the store's own exception, with a message safe to show. */
final class StorageErrors {

    private static final Logger log = LoggerFactory.getLogger(FileStore.class);

    private StorageErrors() {
    }

    static FileStoreException of(String action, UserPath path, @Nullable Path folder, IOException e) {
        if (DiskSpace.isFull(e, folder)) {
            return new InsufficientStorageException();
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : "";
        // The JDK adds this text itself to ELOOP, which NOFOLLOW_LINKS opens report for a link.
        if (reason.contains("symbolic link")) {
            return new InvalidPathException(path + " is a link that cannot be followed");
        }
        if (reason.contains("File name too long")) {
            return new InvalidPathException(path + " is too long for this server's file system");
        }
        if (e instanceof AccessDeniedException) {
            log.warn("Permission denied when trying to {} {}: {}", action, path, e.toString());
            return new StorageFailureException("the server may not " + action + " " + path, e);
        }
        log.error("Could not {} {}", action, path, e);
        return new StorageFailureException("could not " + action + " " + path, e);
    }
}
