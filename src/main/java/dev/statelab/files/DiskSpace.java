package dev.statelab.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/** Tells a full disk apart from other I/O failures: the JDK reports ENOSPC only as message text. */
final class DiskSpace {

    private static final long NEARLY_FULL = 64 * 1024;

    private DiskSpace() {
    }

    static boolean isFull(IOException e) {
        String text = e instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getReason() : String.valueOf(e.getMessage());
        return text.contains("No space left on device") || text.contains("Disk quota exceeded");
    }

    /**
     * Also true when the message is in another language (the JDK passes on strerror's text) but the
     * volume that failed has less room left than one write buffer.
     */
    static boolean isFull(IOException e, @Nullable Path folder) {
        if (isFull(e)) {
            return true;
        }
        if (folder == null) {
            return false;
        }
        try {
            return Files.getFileStore(folder).getUsableSpace() < NEARLY_FULL;
        } catch (IOException | RuntimeException notKnown) {
            return false;
        }
    }

    /** True when {@code bytes} certainly cannot fit; unknown lengths (-1) always might. */
    static boolean cannotHold(@Nullable Path folder, long bytes) {
        if (bytes <= 0 || folder == null) {
            return false;
        }
        try {
            return Files.getFileStore(folder).getUsableSpace() < bytes;
        } catch (IOException e) {
            return false;
        }
    }
}
