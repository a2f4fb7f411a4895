package dev.statelab.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Move and copy, under the locks of the ends they change. A folder that replaces another (a move or copy
 * with {@code overwrite}) is swapped in whole, and a folder copy is built under a hidden name first, so a
 * failure or a crash leaves the old target or the new one, never a mix.
 */
final class MovesAndCopies {

    private static final Logger log = LoggerFactory.getLogger(MovesAndCopies.class);

    private final PathLocks locks;
    private final AtomicWrites writes;
    private final DepthLimit depth;
    private final StreamedCopy perFile;

    MovesAndCopies(PathLocks locks, AtomicWrites writes, DepthLimit depth, StreamedCopy perFile) {
        this.locks = locks;
        this.writes = writes;
        this.depth = depth;
        this.perFile = perFile;
    }

    /** Moves or renames a file or folder in one step; an existing target is replaced only with {@code overwrite}. */
    StoredFile move(Jail jail, UserPath from, UserPath to, boolean overwrite) {
        MoveOrCopy ends = MoveOrCopy.check(jail, from, to);
        Path source = ends.source().entry();
        Path target = ends.target().entry();
        DiskState.requireParentFolder(to, target);
        ends.checkLinkStaysValid(jail);
        try {
            if (ends.sourceFile().isDirectory()) {
                depth.checkTree(to, source);
            }
            try (PathLocks.Held held = locks.lock(source, target)) {
                StoredFile existing = ends.existingTarget(overwrite);
                if (existing != null && existing.isDirectory()) {
                    Tree.replace(source, target);
                } else if (existing != null) {
                    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.move(source, target);
                }
                return DiskState.after(to, target);
            }
        } catch (IOException e) {
            throw failed("move", ends, e);
        }
    }

    /** Copies a file (through the atomic write) or a whole folder (built hidden, then renamed or swapped in). */
    StoredFile copy(Jail jail, UserPath from, UserPath to, boolean overwrite) {
        MoveOrCopy ends = MoveOrCopy.check(jail, from, to);
        DiskState.requireParentFolder(to, ends.target().entry());
        Path source = ends.source().real();
        try {
            if (!ends.sourceFile().isDirectory()) {
                ends.existingTarget(overwrite);
                try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                    return writes.write(ends.target(), in, ends.sourceFile().size(),
                            overwrite ? WritePrecondition.NONE : WritePrecondition.CREATE_ONLY).file();
                } catch (PreconditionFailedException e) {
                    throw new FileAlreadyExistsException(to);
                }
            }
            depth.checkTree(to, source);
            ends.existingTarget(overwrite);
            return copyFolder(ends, source, overwrite);
        } catch (IOException e) {
            throw failed("copy", ends, e);
        }
    }

    private StoredFile copyFolder(MoveOrCopy ends, Path source, boolean overwrite) throws IOException {
        Path target = ends.target().entry();
        Path building = TemporaryFiles.besides(target);
        try {
            Tree.copy(source, building, perFile);
            try (PathLocks.Held held = locks.lock(target)) {
                if (ends.existingTarget(overwrite) != null) {
                    Tree.replace(building, target);
                } else {
                    Files.move(building, target);
                }
                return DiskState.after(ends.to(), target);
            }
        } finally {
            if (Files.exists(building, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Tree.delete(building);
                } catch (IOException e) {
                    log.warn("Could not remove an unfinished folder copy (it is removed at the next start): {}", e.toString());
                }
            }
        }
    }

    private static FileStoreException failed(String action, MoveOrCopy ends, IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return new FileAlreadyExistsException(ends.to());
        }
        if (e instanceof NoSuchFileException) {
            return new FileNotFoundException(ends.from());
        }
        return StorageErrors.of(action, ends.from(), ends.target().entry().getParent(), e);
    }
}
