package dev.statelab.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names of the files an upload is streamed into before its atomic move. They sit beside their target
 * (same folder, same file system, so the move is a rename), are hidden from listings and cannot be named
 * by a user path. Folders being deleted are renamed aside to such a name first (see {@code Tree.delete}).
 * Any left behind by a crash are removed at start-up.
 */
final class TemporaryFiles {

    static final String PREFIX = ".statelab-upload-";

    private static final Logger log = LoggerFactory.getLogger(TemporaryFiles.class);

    private TemporaryFiles() {
    }

    static Path besides(Path target) {
        return target.resolveSibling(PREFIX + UUID.randomUUID() + ".part");
    }

    static boolean isTemporary(Path file) {
        return file.getFileName().toString().startsWith(PREFIX);
    }

    /** Removes leftovers under {@code root}; a folder that cannot be read is skipped, never fatal to start-up. */
    static int removeLeftovers(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int[] removed = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && isTemporary(dir)) {
                        try {
                            Tree.delete(dir);
                            removed[0]++;
                        } catch (IOException e) {
                            log.warn("Could not remove the unfinished deletion {}: {}", dir, e.toString());
                        }
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (isTemporary(file) && Files.deleteIfExists(file)) {
                        removed[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    log.warn("Could not look for leftover uploads in {}: {}", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Could not clean up leftover upload files: {}", e.toString());
        }
        return removed[0];
    }
}
