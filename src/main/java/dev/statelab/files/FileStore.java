package dev.statelab.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one file store every protocol uses. Each user is jailed in {@code <root>/<user>/}; every path is
 * a checked {@link UserPath}; content is streamed, never held whole in memory; a write goes to a
 * temporary file beside its target, is flushed to disk and then renamed over the target, so readers see
 * the old file or the new one, never a part.
 */
@Service
public class FileStore {

    private static final Logger log = LoggerFactory.getLogger(FileStore.class);

    private final Path root;
    private final long maxUploadSize;
    private final Map<String, Jail> jails = new ConcurrentHashMap<>();
    private final PathLocks locks = new PathLocks();

    public FileStore(FileStoreProperties properties) {
        this.root = properties.root().toAbsolutePath().normalize();
        this.maxUploadSize = properties.maxUploadSize().toBytes();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the storage root " + root, e);
        }
        int removed = TemporaryFiles.removeLeftovers(root);
        if (removed > 0) {
            log.info("Removed {} unfinished upload(s) left from an earlier run", removed);
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
        return Metadata.read(path, jail(user).resolve(path));
    }

    /** The entries of a folder, sorted by name, without the store's own temporary files. */
    public List<StoredFile> list(String user, UserPath dir) {
        Path folder = jail(user).resolve(dir);
        List<StoredFile> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path entry : stream) {
                StoredFile file = listable(dir, entry);
                if (file != null) {
                    entries.add(file);
                }
            }
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(dir);
        } catch (NotDirectoryException e) {
            throw new NotADirectoryException(dir);
        } catch (IOException e) {
            throw failure("list " + dir, e);
        }
        entries.sort(Comparator.comparing(StoredFile::name));
        return entries;
    }

    /** Null for the store's temporary files and for names no user path could express (made outside the store). */
    private static @Nullable StoredFile listable(UserPath dir, Path entry) {
        if (TemporaryFiles.isTemporary(entry)) {
            return null;
        }
        try {
            return Metadata.read(dir.child(entry.getFileName().toString()), entry);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Opens a file for reading; the caller streams from it and closes it. */
    public ReadableFile read(String user, UserPath path) {
        Path file = jail(user).resolve(path);
        StoredFile info = stat(user, path);
        if (info.isDirectory()) {
            throw new NotAFileException(path);
        }
        return new ReadableFile(info, file);
    }

    /**
     * Stores {@code body} as {@code path}, atomically: on any failure (too large, cut off, disk full,
     * precondition) the previous file is untouched and nothing partial is left.
     *
     * @param expectedLength the announced length, or -1 when unknown; checked against the limit up front
     */
    public WriteResult write(String user, UserPath path, InputStream body, long expectedLength,
                             WritePrecondition precondition) {
        Jail jail = jail(user);
        Path target = jail.resolve(path);
        requireParentFolder(jail, path);
        precondition.check(path, existingFile(path, target));
        Path temp = TemporaryFiles.besides(target);
        try {
            new StreamedCopy(maxUploadSize).toNewFile(body, temp, expectedLength, root);
            synchronized (locks.forPath(target)) {
                StoredFile current = existingFile(path, target);
                precondition.check(path, current);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return new WriteResult(Metadata.read(path, target), current == null);
            }
        } catch (IOException e) {
            throw failure("store " + path, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Appends {@code body} to a file (creating it when missing), as FTP's APPE does. Appending cannot be
     * a rename, so on failure the file is cut back to its length before the append.
     */
    public StoredFile append(String user, UserPath path, InputStream body) {
        Jail jail = jail(user);
        Path target = jail.resolve(path);
        requireParentFolder(jail, path);
        StoredFile current = existingFile(path, target);
        synchronized (locks.forPath(target)) {
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                long before = channel.size();
                try {
                    new StreamedCopy(maxUploadSize - before).toChannel(body, channel, -1, root);
                } catch (RuntimeException | IOException e) {
                    channel.truncate(before);
                    if (current == null) {
                        Files.deleteIfExists(target);
                    }
                    throw e;
                }
                return Metadata.read(path, target);
            } catch (IOException e) {
                throw failure("append to " + path, e);
            }
        }
    }

    public StoredFile mkdir(String user, UserPath path) {
        Jail jail = jail(user);
        Path target = jail.resolve(path);
        requireParentFolder(jail, path);
        try {
            Files.createDirectory(target);
            return Metadata.read(path, target);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(path);
        } catch (IOException e) {
            throw failure("create folder " + path, e);
        }
    }

    /** Deletes a file or a folder; a folder that is not empty needs {@code recursive}. */
    public void delete(String user, UserPath path, boolean recursive) {
        if (path.isRoot()) {
            throw new InvalidPathException("your home folder itself cannot be deleted");
        }
        Path target = jail(user).resolve(path);
        StoredFile file = stat(user, path);
        synchronized (locks.forPath(target)) {
            try {
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
                throw failure("delete " + path, e);
            }
        }
    }

    /** Moves or renames a file or folder in one step; an existing target is replaced only with {@code overwrite}. */
    public StoredFile move(String user, UserPath from, UserPath to, boolean overwrite) {
        Jail jail = jail(user);
        Path source = jail.resolve(from);
        Path target = jail.resolve(to);
        StoredFile moving = checkTransfer(user, jail, from, to, overwrite);
        try {
            if (overwrite && moving.isDirectory() && Files.isDirectory(target)) {
                Tree.delete(target);
            }
            if (overwrite) {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(source, target);
            }
            return Metadata.read(to, target);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(to);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(from);
        } catch (IOException e) {
            throw failure("move " + from + " to " + to, e);
        }
    }

    /** Copies a file (atomically, through a temporary file) or a whole folder. */
    public StoredFile copy(String user, UserPath from, UserPath to, boolean overwrite) {
        Jail jail = jail(user);
        Path source = jail.resolve(from);
        Path target = jail.resolve(to);
        StoredFile copying = checkTransfer(user, jail, from, to, overwrite);
        try {
            if (copying.isDirectory()) {
                if (overwrite && Files.exists(target)) {
                    Tree.delete(target);
                }
                Tree.copy(source, target, maxUploadSize, root);
            } else {
                try (InputStream in = Files.newInputStream(source)) {
                    write(user, to, in, copying.size(), WritePrecondition.NONE);
                }
            }
            return Metadata.read(to, target);
        } catch (IOException e) {
            throw failure("copy " + from + " to " + to, e);
        }
    }

    private StoredFile checkTransfer(String user, Jail jail, UserPath from, UserPath to, boolean overwrite) {
        if (from.isRoot() || to.isRoot()) {
            throw new InvalidPathException("your home folder itself cannot be moved or replaced");
        }
        StoredFile source = stat(user, from);
        if (to.equals(from) || to.isInside(from)) {
            throw new InvalidPathException("a folder cannot be moved or copied into itself");
        }
        requireParentFolder(jail, to);
        StoredFile existing = find(user, to);
        if (existing != null && !overwrite) {
            throw new FileAlreadyExistsException(to);
        }
        if (existing != null && existing.isDirectory() != source.isDirectory()) {
            throw existing.isDirectory() ? new NotAFileException(to) : new NotADirectoryException(to);
        }
        return source;
    }

    private void requireParentFolder(Jail jail, UserPath path) {
        if (path.isRoot()) {
            throw new NotAFileException(path);
        }
        UserPath parent = path.parent();
        StoredFile folder = Metadata.read(parent, jail.resolve(parent));
        if (folder == null) {
            throw new FileNotFoundException(parent);
        }
        if (!folder.isDirectory()) {
            throw new NotADirectoryException(parent);
        }
    }

    private static @Nullable StoredFile existingFile(UserPath path, Path target) {
        StoredFile current = Metadata.read(path, target);
        if (current != null && current.isDirectory()) {
            throw new NotAFileException(path);
        }
        return current;
    }

    private Jail jail(String user) {
        return jails.computeIfAbsent(user, name -> Jail.forUser(root, name));
    }

    private FileStoreException failure(String action, IOException e) {
        if (DiskSpace.isFull(e)) {
            return new InsufficientStorageException();
        }
        if (e instanceof AccessDeniedException) {
            log.warn("Permission denied when trying to {}: {}", action, e.toString());
            return new StorageFailureException("the server may not " + action, e);
        }
        log.error("Could not {}", action, e);
        return new StorageFailureException("could not " + action, e);
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            log.warn("Could not delete the temporary file {}: {}", temp, e.toString());
        }
    }
}
