package dev.statelab.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/** The entries of a folder as a user may see them: sorted by name, without temporary files or links out of the home. */
final class FolderListing {

    private FolderListing() {
    }

    static List<StoredFile> list(Jail jail, UserPath dir) {
        List<StoredFile> entries = new ArrayList<>();
        forEach(jail, dir, entries::add);
        return entries;
    }

    /**
     * Hands the entries to {@code consumer} one by one, sorted by name, reading each one's metadata only
     * when it is its turn: what is held meanwhile is the sorted names, not the entries.
     */
    static void forEach(Jail jail, UserPath dir, Consumer<StoredFile> consumer) {
        Path folder = jail.locate(dir).entry();
        StoredFile info = Metadata.read(dir, folder);
        if (info == null) {
            throw new FileNotFoundException(dir);
        }
        if (!info.isDirectory()) {
            throw new NotADirectoryException(dir);
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path entry : stream) {
                names.add(entry.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(dir);
        } catch (NotDirectoryException e) {
            throw new NotADirectoryException(dir);
        } catch (IOException e) {
            throw StorageErrors.of("list", dir, folder, e);
        }
        names.sort(Comparator.naturalOrder());
        for (String name : names) {
            StoredFile file = listable(jail, dir, folder.resolve(name));
            if (file != null) { // null also when it went away since the folder was read
                consumer.accept(file);
            }
        }
    }

    /** Null for temporary files, names no user path could express (made outside the store) and links out of the home. */
    private static @Nullable StoredFile listable(Jail jail, UserPath dir, Path entry) {
        if (TemporaryFiles.isTemporary(entry)) {
            return null;
        }
        try {
            UserPath path = dir.child(entry.getFileName().toString());
            if (Files.isSymbolicLink(entry)) {
                jail.locate(path);
            }
            return Metadata.read(path, entry);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
