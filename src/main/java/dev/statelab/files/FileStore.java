package dev.statelab.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one file store every protocol uses. Each user is jailed in {@code <root>/<user>/}; every path is
 * a checked {@link UserPath}; content is streamed, never held whole in memory (small files aside, kept in a
 * cache bounded by bytes and keyed by version); a write goes to a
 * temporary file beside its target, is flushed to disk and then renamed over the target, so readers see
 * the old file or the new one, never a part. Every failure is a {@link FileStoreException}.
 */
@Service
public class FileStore {

    private static final Logger log = LoggerFactory.getLogger(FileStore.class);

    private final Path root;
    private final long maxUploadSize;
    private final Map<String, Jail> jails = new ConcurrentHashMap<>();
    private final PathLocks locks = new PathLocks();
    private final DepthLimit depth;
    private final AtomicWrites writes;
    private final MovesAndCopies movesAndCopies;
    private final SmallFileCache smallFiles;

    public FileStore(FileStoreProperties properties) {
        this.root = properties.root().toAbsolutePath().normalize();
        this.maxUploadSize = properties.maxUploadSize().toBytes();
        this.depth = new DepthLimit(properties.maxDepth());
        StreamedCopy uploads = new StreamedCopy(maxUploadSize, properties.syncWrites());
        this.writes = new AtomicWrites(locks, uploads);
        this.movesAndCopies = new MovesAndCopies(locks, writes, depth, uploads);
        this.smallFiles = new SmallFileCache(properties.smallFileCache().toBytes());
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the storage root " + root, e);
        }
        int removed = TemporaryFiles.removeLeftovers(root);
        if (removed > 0) {
            log.info("Removed {} unfinished upload(s), copies or deletions left from an earlier run", removed);
        }
    }

    public long maxUploadSize() {
        return maxUploadSize;
    }

    /** Metadata of a file or folder; {@link FileNotFoundException} when there is nothing there. */
    public StoredFile stat(String user, UserPath path) {
        StoredFile file = find(user, path);
        if (file == null) {
            throw new FileNotFoundException(path);
        }
        return file;
    }

    public @Nullable StoredFile find(String user, UserPath path) {
        return Metadata.read(path, jail(user).locate(path));
    }

    /** The entries of a folder, sorted by name, without the store's own temporary files or links that lead out. */
    public List<StoredFile> list(String user, UserPath dir) {
        return FolderListing.list(jail(user), dir);
    }

    /** As {@link #list}, one entry at a time, for folders too large to hold whole. */
    public void list(String user, UserPath dir, Consumer<StoredFile> consumer) {
        FolderListing.forEach(jail(user), dir, consumer);
    }

    /** Opens a file for reading; the caller streams from it and closes it. */
    public ReadableFile read(String user, UserPath path) {
        Location location = jail(user).locate(path);
        StoredFile info = Metadata.read(path, location);
        if (info == null) {
            throw new FileNotFoundException(path);
        }
        if (info.isDirectory()) {
            throw new NotAFileException(path);
        }
        return new ReadableFile(info, location.real(), smallFiles);
    }

    /**
     * Stores {@code body} as {@code path}, atomically: on any failure (too large, cut off, disk full,
     * precondition) the previous file is untouched and nothing partial is left.
     *
     * @param expectedLength the announced length, or -1 when unknown; checked against the limit up front
     */
    public WriteResult write(String user, UserPath path, InputStream body, long expectedLength,
                             WritePrecondition precondition) {
        return write(user, path, StreamChannel.of(body), expectedLength, precondition);
    }

    /** As {@link #write(String, UserPath, InputStream, long, WritePrecondition)}, from a channel (a socket), read with no copy through the heap. */
    public WriteResult write(String user, UserPath path, ReadableByteChannel body, long expectedLength,
                             WritePrecondition precondition) {
        return write(user, path, body, expectedLength, precondition, BodyEnd.CLEAN);
    }

    /** As above, with {@code end} asked, once the bytes are on disk, whether the body really ended. */
    public WriteResult write(String user, UserPath path, ReadableByteChannel body, long expectedLength,
                             WritePrecondition precondition, BodyEnd end) {
        return writes.write(jail(user).locate(path), body, expectedLength, precondition, end);
    }

    /**
     * Appends {@code body} to a file (creating it when missing), as FTP's APPE does, atomically: the old
     * content and the new bytes are written to a temporary file that then replaces the file, so a failure
     * or a crash leaves the file as it was. Writers of the same file wait until the append is over.
     */
    public StoredFile append(String user, UserPath path, InputStream body) {
        return append(user, path, StreamChannel.of(body));
    }

    /** As {@link #append(String, UserPath, InputStream)}, from a channel (a socket). */
    public StoredFile append(String user, UserPath path, ReadableByteChannel body) {
        return append(user, path, body, BodyEnd.CLEAN);
    }

    /** As above, with {@code end} asked, once the bytes are on disk, whether the body really ended. */
    public StoredFile append(String user, UserPath path, ReadableByteChannel body, BodyEnd end) {
        return writes.append(jail(user).locate(path), body, end);
    }

    /** Creates one folder; its parent must exist, and it may lie at most {@code statelab.storage.max-depth} levels below the home. */
    public StoredFile mkdir(String user, UserPath path) {
        if (path.isRoot()) {
            throw new FileAlreadyExistsException(path);
        }
        Path target = jail(user).locate(path).entry();
        DiskState.requireParentFolder(path, target);
        depth.checkFolder(path);
        try (PathLocks.Held held = locks.lock(target)) {
            Files.createDirectory(target);
            return DiskState.after(path, target);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(path);
        } catch (IOException e) {
            throw StorageErrors.of("create the folder", path, target.getParent(), e);
        }
    }

    /** Deletes a file or a folder; a folder that is not empty needs {@code recursive}. A link is removed, not its target. */
    public void delete(String user, UserPath path, boolean recursive) {
        if (path.isRoot()) {
            throw new InvalidPathException("your home folder itself cannot be deleted");
        }
        Path target = jail(user).locate(path).entry();
        try (PathLocks.Held held = locks.lock(target)) {
            StoredFile file = Metadata.read(path, target);
            if (file == null) {
                throw new FileNotFoundException(path);
            }
            if (file.isDirectory() && recursive) {
                Tree.delete(target);
            } else {
                Files.delete(target);
            }
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(path);
        } catch (DirectoryNotEmptyException e) {
            throw new dev.statelab.files.DirectoryNotEmptyException(path);
        } catch (IOException e) {
            throw StorageErrors.of("delete", path, target.getParent(), e);
        }
    }

    /** Moves or renames a file or folder in one step; an existing target is replaced only with {@code overwrite}. */
    public StoredFile move(String user, UserPath from, UserPath to, boolean overwrite) {
        return movesAndCopies.move(jail(user), from, to, overwrite);
    }

    /**
     * Copies a file (atomically, through a temporary file) or a whole folder: built under a hidden name and
     * renamed (or, with {@code overwrite}, swapped) into place only when complete.
     */
    public StoredFile copy(String user, UserPath from, UserPath to, boolean overwrite) {
        return movesAndCopies.copy(jail(user), from, to, overwrite);
    }

    private Jail jail(String user) {
        Jail jail = jails.get(user);
        return jail != null ? jail : jails.computeIfAbsent(user, name -> Jail.forUser(root, name));
    }
}
