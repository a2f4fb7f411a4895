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
final class Transfers {

    private static final Logger log = LoggerFactory.getLogger(Transfers.class);

    private final PathLocks locks;
    private final AtomicWrites writes;
    private final DepthLimit depth;
    private final long maxUploadSize;

    Transfers(PathLocks locks, AtomicWrites writes, DepthLimit depth, long maxUploadSize) {
        this.locks = locks;
        this.writes = writes;
        this.depth = depth;
        this.maxUploadSize = maxUploadSize;
    }

    /** Moves or renames a file or folder in one step; an existing target is replaced only with {@code overwrite}. */
    StoredFile move(Jail jail, UserPath from, UserPath to, boolean overwrite) {
        Transfer transfer = Transfer.check(jail, from, to);
        Path source = transfer.source().entry();
        Path target = transfer.target().entry();
        DiskState.requireParentFolder(to, target);
        transfer.checkLinkStaysValid(jail);
        try {
            if (transfer.sourceFile().isDirectory()) {
                depth.checkTree(to, source);
            }
            try (PathLocks.Held held = locks.lock(source, target)) {
                StoredFile existing = transfer.existingTarget(overwrite);
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
            throw failed("move", transfer, e);
        }
    }

    /** Copies a file (through the atomic write) or a whole folder (built hidden, then renamed or swapped in). */
    StoredFile copy(Jail jail, UserPath from, UserPath to, boolean overwrite) {
        Transfer transfer = Transfer.check(jail, from, to);
        DiskState.requireParentFolder(to, transfer.target().entry());
        Path source = transfer.source().real();
        try {
            if (!transfer.sourceFile().isDirectory()) {
                transfer.existingTarget(overwrite);
                try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                    return writes.write(transfer.target(), in, transfer.sourceFile().size(),
                            overwrite ? WritePrecondition.NONE : WritePrecondition.CREATE_ONLY).file();
                } catch (PreconditionFailedException e) {
                    throw new FileAlreadyExistsException(to);
                }
            }
            depth.checkTree(to, source);
            transfer.existingTarget(overwrite);
            return copyFolder(transfer, source, overwrite);
        } catch (IOException e) {
            throw failed("copy", transfer, e);
        }
    }

    private StoredFile copyFolder(Transfer transfer, Path source, boolean overwrite) throws IOException {
        Path target = transfer.target().entry();
        Path building = TemporaryFiles.besides(target);
        try {
            Tree.copy(source, building, maxUploadSize);
            try (PathLocks.Held held = locks.lock(target)) {
                if (transfer.existingTarget(overwrite) != null) {
                    Tree.replace(building, target);
                } else {
                    Files.move(building, target);
                }
                return DiskState.after(transfer.to(), target);
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

    private static FileStoreException failed(String action, Transfer transfer, IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return new FileAlreadyExistsException(transfer.to());
        }
        if (e instanceof NoSuchFileException) {
            return new FileNotFoundException(transfer.from());
        }
        return StorageErrors.of(action, transfer.from(), transfer.target().entry().getParent(), e);
    }
}
