package dev.statelab.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
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
import java.util.ArrayList;
import java.util.List;

/** Whole-folder operations. Symbolic links are never followed: a link is removed or skipped, not its target. */
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
     * CVE-2022-21658 in remove_dir_all). What a crash leaves aside is removed at the next start.
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
                delete(secure, name);
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

    private static void delete(SecureDirectoryStream<Path> folder, Path name) throws IOException {
        try {
            if (!isFolder(folder, name)) {
                folder.deleteFile(name);
                return;
            }
            // A writer that had got past the path before the folder was moved aside may still add an entry: empty it again.
            for (int attempt = 1; ; attempt++) {
                try (SecureDirectoryStream<Path> child = folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    List<Path> names = new ArrayList<>();
                    child.forEach(entry -> names.add(entry.getFileName()));
                    for (Path entry : names) {
                        delete(child, entry);
                    }
                }
                try {
                    folder.deleteDirectory(name);
                    return;
                } catch (DirectoryNotEmptyException e) {
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (NoSuchFileException gone) {
            // removed meanwhile (a writer renamed its temporary file, say): what was wanted
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

    /** Copies a folder; links and the store's temporary files are skipped. On failure the partial copy is removed. */
    static void copy(Path source, Path target, long limitPerFile) throws IOException {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(source) && TemporaryFiles.isTemporary(dir)) {
                        return FileVisitResult.SKIP_SUBTREE; // a folder being deleted
                    }
                    Files.createDirectory(target.resolve(source.relativize(dir)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && !TemporaryFiles.isTemporary(file)) {
                        copyFile(file, target.resolve(source.relativize(file)), attrs.size(), limitPerFile);
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

    private static void copyFile(Path file, Path destination, long size, long limit) throws IOException {
        Path temp = TemporaryFiles.besides(destination);
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            new StreamedCopy(limit).toNewFile(in, temp, size);
            Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
