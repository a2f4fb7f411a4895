package dev.statelab.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's hidden names. Uploads, appends and folder copies are built under such a name beside their
 * target (same folder, same file system, so the final move is a rename); folders being deleted, and old
 * folders being replaced, are renamed aside to one. They are hidden from listings and cannot be named by
 * a user path. Whatever a crash leaves behind is removed at start-up, after any interrupted folder
 * replacement has been undone (see {@link Swap}).
 */
final class TemporaryFiles {

    static final String PREFIX = ".statelab-upload-";

    private static final String PART = ".part";
    private static final String ASIDE = ".old";
    private static final String JOURNAL = ".swap";

    private static final Logger log = LoggerFactory.getLogger(TemporaryFiles.class);

    private TemporaryFiles() {
    }

    static Path besides(Path target) {
        return target.resolveSibling(PREFIX + UUID.randomUUID() + PART);
    }

    static boolean isTemporary(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().startsWith(PREFIX);
    }

    static Swap swapFor(Path target) {
        String id = PREFIX + UUID.randomUUID();
        return new Swap(target, target.resolveSibling(id + ASIDE), target.resolveSibling(id + JOURNAL));
    }

    /**
     * The replacement of the folder {@code target}: the old folder goes {@code aside}, and {@code journal}
     * names the target while that is under way. A journal found at start-up whose target is missing means
     * the process died between the two renames: the old folder is renamed back.
     */
    record Swap(Path target, Path aside, Path journal) {

        void writeJournal() throws IOException {
            try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(target.getFileName().toString()));
                channel.force(true);
            }
        }

        void dropJournal() {
            try {
                Files.deleteIfExists(journal);
            } catch (IOException e) {
                log.warn("Could not remove the journal of a finished folder replacement: {}", e.toString());
            }
        }

        void removeAside() {
            try {
                Tree.delete(aside);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not remove a replaced folder (it is removed at the next start): {}", e.toString());
            }
        }

        /** Puts the old folder back when the process died after moving it aside and before the new one was in. */
        static void recover(Path journal) throws IOException {
            String file = journal.getFileName().toString();
            Path aside = journal.resolveSibling(file.substring(0, file.length() - JOURNAL.length()) + ASIDE);
            String name = new String(Files.readAllBytes(journal), StandardCharsets.UTF_8);
            if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.startsWith(PREFIX)) {
                return;
            }
            Path target = journal.resolveSibling(name);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(aside, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                log.info("Restored a folder whose replacement was interrupted by a crash");
            }
        }
    }

    /**
     * Undoes interrupted folder replacements and removes leftovers under {@code root}. It can never stop
     * the start: each thing it cannot read or remove is logged on one line and skipped.
     */
    static int removeLeftovers(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Cleanup cleanup = new Cleanup(root);
        try {
            Files.walkFileTree(root, cleanup);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            log.warn("Could not finish looking for leftovers of an earlier run: {}", e.toString());
        }
        return cleanup.removed;
    }

    /** Collects the hidden entries of each folder and deals with them when the folder has been walked. */
    private static final class Cleanup extends SimpleFileVisitor<Path> {

        private final Path root;
        private final Deque<List<Path>> found = new ArrayDeque<>();
        int removed;

        Cleanup(Path root) {
            this.root = root;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && isTemporary(dir)) {
                note(dir);
                return FileVisitResult.SKIP_SUBTREE;
            }
            found.push(new ArrayList<>());
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (isTemporary(file)) {
                note(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            log.warn("Could not look for leftovers in {}: {}", file, e.toString());
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
            if (failure != null) {
                log.warn("Could not look for leftovers in all of {}: {}", dir, failure.toString());
            }
            List<Path> leftovers = found.isEmpty() ? List.of() : found.pop();
            for (Path journal : leftovers) {
                if (journal.getFileName().toString().endsWith(JOURNAL)) {
                    try {
                        Swap.recover(journal);
                    } catch (IOException | RuntimeException | StackOverflowError e) {
                        log.warn("Could not undo the interrupted folder replacement recorded in {}: {}", journal, e.toString());
                    }
                }
            }
            for (Path leftover : leftovers) {
                try {
                    if (Files.exists(leftover, LinkOption.NOFOLLOW_LINKS)) {
                        Tree.delete(leftover);
                        removed++;
                    }
                } catch (IOException | RuntimeException | StackOverflowError e) {
                    log.warn("Could not remove {} left from an earlier run: {}", leftover, e.toString());
                }
            }
            return FileVisitResult.CONTINUE;
        }

        private void note(Path entry) {
            if (!found.isEmpty()) {
                found.peek().add(entry);
            }
        }
    }
}
