package dev.statelab.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;

/**
 * Whole-folder operations. Symbolic links are never followed: a link is removed or skipped, not its target.
 * None of them recurses per level of the tree (a tree thousands of levels deep, built before the depth
 * limit existed or by hand on the disk, must not overflow the stack): they walk with an explicit stack.
 */
final class Tree {

    private static final int ATTEMPTS = 10;

    private Tree() {
    }

    /**
     * Deletes a file, link or folder with everything in it. A folder is first renamed aside to a hidden
     * temporary name in the same parent, in one step: from then on no one can reach it by its path, so
     * writers racing the deletion get "not found" instead of adding entries faster than they are removed,
     * and the folder disappears from view at once. Where the platform offers it, each folder is then
     * opened relative to its parent and without following links, so a folder swapped for a link while the
     * deletion runs makes it fail instead of deleting what the link points at (the race behind Rust's
     * CVE-2022-21658 in remove_dir_all); working relative to open folders also reaches any depth, where
     * whole path names would pass the system's limit on their length. What a crash leaves aside is
     * removed at the next start.
     */
    static void delete(Path path) throws IOException {
        Path name = path.getFileName();
        Path aside = TemporaryFiles.besides(path).getFileName();
        try (DirectoryStream<Path> parent = Files.newDirectoryStream(path.getParent())) {
            if (parent instanceof SecureDirectoryStream<Path> secure) {
                if (isFolder(secure, name)) {
                    secure.move(name, secure, aside);
                    name = aside;
                }
                deleteWithin(secure, name);
                return;
            }
        } catch (NoSuchFileException gone) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            deleteByWalking(Files.move(path, path.resolveSibling(aside), StandardCopyOption.ATOMIC_MOVE));
        } else {
            Files.deleteIfExists(path);
        }
    }

    private static boolean isFolder(SecureDirectoryStream<Path> folder, Path name) throws IOException {
        return folder.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes().isDirectory();
    }

    /** One open folder on the way down: its parent, its name there and the entries still to remove. */
    private static final class Level {
        final SecureDirectoryStream<Path> parent;
        final Path name;
        SecureDirectoryStream<Path> folder;
        Iterator<Path> entries;
        int attempts;

        Level(SecureDirectoryStream<Path> parent, Path name) throws IOException {
            this.parent = parent;
            this.name = name;
            open();
        }

        void open() throws IOException {
            folder = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
            List<Path> names = new ArrayList<>();
            folder.forEach(entry -> names.add(entry.getFileName()));
            entries = names.iterator();
        }
    }

    private static void deleteWithin(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        Deque<Level> levels = new ArrayDeque<>();
        try {
            if (!isFolder(parent, name)) {
                parent.deleteFile(name);
                return;
            }
            levels.push(new Level(parent, name));
            while (!levels.isEmpty()) {
                Level level = levels.peek();
                if (level.entries.hasNext()) {
                    Path entry = level.entries.next();
                    try {
                        if (isFolder(level.folder, entry)) {
                            levels.push(new Level(level.folder, entry));
                        } else {
                            level.folder.deleteFile(entry);
                        }
                    } catch (NoSuchFileException gone) {
                        // removed meanwhile (a writer renamed its temporary file, say): what was wanted
                    }
                    continue;
                }
                level.folder.close();
                try {
                    level.parent.deleteDirectory(level.name);
                    levels.pop();
                } catch (NoSuchFileException gone) {
                    levels.pop();
                } catch (DirectoryNotEmptyException e) {
                    // A writer that had got past the path before the folder was moved aside added an entry: empty it again.
                    if (++level.attempts == ATTEMPTS) {
                        throw e;
                    }
                    level.open();
                }
            }
        } catch (NoSuchFileException gone) {
            // the folder itself went meanwhile
        } finally {
            for (Level level : levels) {
                try {
                    level.folder.close();
                } catch (IOException ignored) {
                    // closing a directory handle: nothing left to do about it
                }
            }
        }
    }

    private static void deleteByWalking(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * How many levels of folders lie below {@code folder} (0: it has no subfolder), looked for no deeper
     * than {@code limit + 1}, so a tree far deeper than the limit costs no more than one at the limit.
     * Links are not followed.
     */
    static int depthBelow(Path folder, int limit) throws IOException {
        int[] deepest = {0};
        Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), limit + 1, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return seen(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                // at the walk's depth limit folders arrive here, unopened
                return attrs.isDirectory() ? seen(file) : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            private FileVisitResult seen(Path dir) {
                int depth = dir.equals(folder) ? 0 : folder.relativize(dir).getNameCount();
                deepest[0] = Math.max(deepest[0], depth);
                return deepest[0] > limit ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }
        });
        return deepest[0];
    }

    /**
     * Copies a folder into {@code target}, a new name (the caller's hidden temporary one); links and the
     * store's temporary files are skipped. On failure what was copied so far is removed.
     */
    static void copy(Path source, Path target, StreamedCopy perFile) throws IOException {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(source) && TemporaryFiles.isTemporary(dir)) {
                        return FileVisitResult.SKIP_SUBTREE; // a folder being deleted or copied
                    }
                    Files.createDirectory(target.resolve(source.relativize(dir)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && !TemporaryFiles.isTemporary(file)) {
                        copyFile(file, target.resolve(source.relativize(file)), attrs.size(), perFile);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    delete(target);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /** Straight into place: the whole copy is hidden until it is complete, so no file needs a temporary name of its own. */
    private static void copyFile(Path file, Path destination, long size, StreamedCopy copy) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            copy.toNewFile(in, destination, size);
        }
    }

    /**
     * Puts {@code replacement} (a complete folder: a finished copy, or the source of a move) in the place of
     * the existing folder {@code target}. The old folder is renamed aside and the replacement renamed in,
     * two renames, with a journal written first that names the target: should the process die between
     * them, the next start renames the old folder back ({@link TemporaryFiles#removeLeftovers}). So the
     * target is always the old folder whole or the new one whole. The old folder is deleted last.
     */
    static void replace(Path replacement, Path target) throws IOException {
        TemporaryFiles.Swap swap = TemporaryFiles.swapFor(target);
        swap.writeJournal();
        try {
            Files.move(target, swap.aside(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            swap.dropJournal();
            throw e;
        }
        try {
            Files.move(replacement, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(swap.aside(), target, StandardCopyOption.ATOMIC_MOVE);
                swap.dropJournal();
            } catch (IOException restore) {
                // the journal stays: the next start puts the old folder back
                e.addSuppressed(restore);
            }
            throw e;
        }
        swap.dropJournal();
        swap.removeAside();
    }
}
