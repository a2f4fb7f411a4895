package dev.statelab.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Lets go of a file that a rename replaced, away from the writer's path. The kernel frees a file when its
 * last name and handle are gone, and for a large file with its pages cached that takes a while (about
 * 0.4 s per GiB measured), which a plain rename over it would spend while the client waits for its
 * answer. So the old file is held open across the rename and closed on a helper thread afterwards.
 */
final class ReplacedFiles {

    private static final ThreadPoolExecutor closer = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256), task -> {
                Thread thread = new Thread(task, "replaced-file-release");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    static {
        closer.allowCoreThreadTimeOut(true);
    }

    private ReplacedFiles() {
    }

    /** Opens the file about to be replaced; null when it cannot be (then the rename frees it, as before). */
    static @Nullable FileChannel hold(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    static void release(@Nullable FileChannel held) {
        if (held != null) {
            closer.execute(() -> closeQuietly(held));
        }
    }

    private static void closeQuietly(FileChannel held) {
        try {
            held.close();
        } catch (IOException e) {
            // the file is gone either way
        }
    }
}
