package dev.statelab.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Move and copy, each in one step, under the locks of both ends. */
final class Transfers {

    private final FileStore store;
    private final PathLocks locks;
    private final long maxUploadSize;

    Transfers(FileStore store, PathLocks locks, long maxUploadSize) {
        this.store = store;
        this.locks = locks;
        this.maxUploadSize = maxUploadSize;
    }

    /** Moves or renames a file or folder in one step; an existing target is replaced only with {@code overwrite}. */
    StoredFile move(Jail jail, UserPath from, UserPath to, boolean overwrite) {
        Transfer transfer = Transfer.check(jail, from, to);
        Presence.requireParentFolder(to, transfer.target());
        transfer.checkLinkStaysValid(jail);
        try (PathLocks.Held held = locks.lock(transfer.source(), transfer.target())) {
            StoredFile existing = transfer.existingTarget(overwrite);
            if (existing != null && existing.isDirectory()) {
                Tree.delete(transfer.target());
            }
            if (existing != null) {
                Files.move(transfer.source(), transfer.target(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(transfer.source(), transfer.target());
            }
            return Presence.after(to, transfer.target());
        } catch (IOException e) {
            throw failed("move", transfer, e);
        }
    }

    /** Copies a file (atomically, through a temporary file) or a whole folder (removed again if the copy fails). */
    StoredFile copy(String user, Jail jail, UserPath from, UserPath to, boolean overwrite) {
        Transfer transfer = Transfer.check(jail, from, to);
        Presence.requireParentFolder(to, transfer.target());
        Path source = jail.target(from, transfer.source());
        try {
            if (!transfer.sourceFile().isDirectory()) {
                transfer.existingTarget(overwrite);
                try (InputStream in = Files.newInputStream(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                    return store.write(user, to, in, transfer.sourceFile().size(),
                            overwrite ? WritePrecondition.NONE : WritePrecondition.CREATE_ONLY).file();
                } catch (PreconditionFailedException e) {
                    throw new FileAlreadyExistsException(to);
                }
            }
            try (PathLocks.Held held = locks.lock(transfer.target())) {
                if (transfer.existingTarget(overwrite) != null) {
                    Tree.delete(transfer.target());
                }
                Tree.copy(source, transfer.target(), maxUploadSize);
                return Presence.after(to, transfer.target());
            }
        } catch (IOException e) {
            throw failed("copy", transfer, e);
        }
    }

    private static FileStoreException failed(String action, Transfer transfer, IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return new FileAlreadyExistsException(transfer.to());
        }
        if (e instanceof NoSuchFileException) {
            return new FileNotFoundException(transfer.from());
        }
        return StorageErrors.of(action, transfer.from(), transfer.target().getParent(), e);
    }
}
