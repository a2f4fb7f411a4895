package dev.statelab.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a file's content changes: the new content is built in a temporary file beside the target,
 * forced to disk (unless writes are left to the page cache), and renamed over the target under the
 * target's lock (where a precondition is checked once more), so readers and a crashed process see the old
 * file or the new one, never a part; forced, so does a crashed machine. Uploads, file copies
 * and appends all end here.
 */
final class AtomicWrites {

    private static final Logger log = LoggerFactory.getLogger(AtomicWrites.class);

    private final PathLocks locks;
    private final StreamedCopy uploads;

    AtomicWrites(PathLocks locks, StreamedCopy uploads) {
        this.locks = locks;
        this.uploads = uploads;
    }

    /**
     * Stores {@code body} as the file at {@code location}; through a link inside the home the link's
     * target is replaced and the link kept.
     */
    WriteResult write(Location location, ReadableByteChannel body, long expectedLength, WritePrecondition precondition) {
        return write(location, body, expectedLength, precondition, BodyEnd.CLEAN);
    }

    WriteResult write(Location location, ReadableByteChannel body, long expectedLength, WritePrecondition precondition,
                      BodyEnd end) {
        UserPath path = location.path();
        Path target = location.real();
        DiskState.requireParentFolder(path, target);
        precondition.check(path, DiskState.existingFile(path, target));
        Path temp = TemporaryFiles.besides(target);
        try {
            uploads.toNewFile(body, temp, expectedLength);
            end.confirm();
            try (PathLocks.Held held = locks.lock(target)) {
                StoredFile current = DiskState.existingFile(path, target);
                precondition.check(path, current);
                commit(temp, target, current);
                return new WriteResult(DiskState.after(path, target), current == null);
            }
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(path.parent());
        } catch (IOException e) {
            throw StorageErrors.of("store", path, target.getParent(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Appends {@code body} to a file (creating it when missing), as FTP's APPE does: the old content and
     * the new bytes go into a temporary file that then replaces the file. That costs a copy of the file,
     * but a failure or a crash at any moment leaves the file exactly as it was. Writers of the same file
     * wait until the append is over.
     */
    StoredFile append(Location location, ReadableByteChannel body, BodyEnd end) {
        UserPath path = location.path();
        Path file = location.real();
        DiskState.requireParentFolder(path, location.entry());
        Path temp = TemporaryFiles.besides(file);
        try (PathLocks.Held held = locks.lock(location.entry(), file)) {
            StoredFile current = DiskState.existingFile(path, file);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long before = current == null ? 0 : copyInto(file, out);
                uploads.leaving(before).toChannel(body, out, -1, file.getParent());
                uploads.force(out);
            }
            end.confirm();
            commit(temp, file, current);
            return DiskState.after(path, location.entry());
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(path);
        } catch (IOException e) {
            throw StorageErrors.of("append to", path, file.getParent(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static long copyInto(Path file, FileChannel out) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                long moved = in.transferTo(done, size - done, out);
                if (moved <= 0) {
                    break;
                }
                done += moved;
            }
            return out.position();
        }
    }

    private static void commit(Path temp, Path target, @Nullable StoredFile current) throws IOException {
        if (current == null) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Versions.keepAfter(temp, current.modified());
        @Nullable FileChannel replaced = ReplacedFiles.hold(target);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            ReplacedFiles.release(replaced);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            log.warn("Could not delete the temporary file {}: {}", temp, e.toString());
        }
    }
}
