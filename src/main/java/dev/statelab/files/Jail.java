package dev.statelab.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Maps a {@link UserPath} to a place on disk inside one user's home and proves it stays there. The text
 * was already checked by {@code UserPath}; this resolves symbolic links on the way and refuses a path
 * whose real location is outside the home (a link planted to point at {@code /etc}, say).
 *
 * <p>Links are something only a person with access to the server's disk can make (no protocol can).
 * A link that stays inside the home is followed; one that leads out, or nowhere, is refused for every
 * operation, including deleting or replacing the link itself. The location returned has every folder
 * on the way resolved to its real place, and the last name left as it is, so that deleting or renaming
 * a link acts on the link. What remains is the race of someone swapping a folder for a link between
 * this check and the use; final opens are made with {@code NOFOLLOW_LINKS} to close it for the last name.
 */
final class Jail {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int ATTEMPTS = 10;

    private final Path realHome;

    private Jail(Path realHome) {
        this.realHome = realHome;
    }

    static Jail forUser(Path root, String user) {
        if (!USER_NAME.matcher(user).matches() || !isSingleName(user)) {
            throw new StorageFailureException("this account's name cannot be used as the name of a home folder");
        }
        try {
            return new Jail(Files.createDirectories(root.resolve(user)).toRealPath());
        } catch (IOException e) {
            throw new StorageFailureException("the home folder cannot be created", e);
        }
    }

    private static boolean isSingleName(String user) {
        try {
            new UserPath(List.of(user));
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * Where {@code path} lies, in one lookup: real folders on the way with its own name last (the entry, which
     * deleting or renaming acts on) and the real file behind it (what opening or writing acts on; the same
     * place unless the entry is a link inside the home). Refused when either leads out of the home. A link
     * removed while being resolved leaves the entry itself, where the caller then finds nothing.
     */
    Location locate(UserPath path) {
        if (path.isRoot()) {
            return new Location(path, realHome, realHome);
        }
        Path entry = realFolder(path, path.parent()).resolve(onDisk(path, path.name()));
        BasicFileAttributes attributes = attributesOf(entry);
        if (attributes == null || !attributes.isSymbolicLink()) {
            return new Location(path, entry, entry, attributes);
        }
        Path real = realInside(path, entry);
        return new Location(path, entry, real != null ? real : entry);
    }

    /** The entry's own attributes (a link is not followed), as {@link Files#isSymbolicLink} reads them; null when unreadable. */
    private static @Nullable BasicFileAttributes attributesOf(Path entry) {
        try {
            return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private Path realFolder(UserPath path, UserPath folder) {
        if (folder.isRoot()) {
            return realHome;
        }
        Path lexical = realHome;
        for (String segment : folder.segments()) {
            lexical = lexical.resolve(onDisk(path, segment));
        }
        // A folder on the way may be deleted (or renamed away) by someone else between finding it and
        // resolving it: walk again from what is left, so the caller sees a missing folder, not a broken link.
        for (int attempt = 1; ; attempt++) {
            Path existing = lexical;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                throw new StorageFailureException("the home folder is missing");
            }
            Path real = realInside(path, existing);
            if (real != null) {
                return real.resolve(existing.relativize(lexical));
            }
            if (attempt == ATTEMPTS) {
                throw new InvalidPathException(path + " runs through a broken link");
            }
        }
    }

    /** Refuses a place (one that a link would lead to, say) that is outside the home or cannot be resolved. */
    void requireInside(UserPath path, Path existing) {
        if (realInside(path, existing) == null) {
            throw new InvalidPathException(path + " runs through a broken link");
        }
    }

    /** The real place of {@code existing}, refused outside the home; null when it vanished while being resolved. */
    private @Nullable Path realInside(UserPath path, Path existing) {
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            if (!Files.isSymbolicLink(existing)) {
                // Not a link (any more): it was removed or replaced while being resolved.
                return null;
            }
            // A dangling link (or a loop): nothing can be read through it, and writing through it could
            // create a file outside the home.
            throw new InvalidPathException(path + " runs through a broken link");
        }
        if (!real.startsWith(realHome)) {
            throw new InvalidPathException(path + " leads outside your home");
        }
        return real;
    }

    private static Path onDisk(UserPath path, String segment) {
        try {
            return Path.of(segment);
        } catch (java.nio.file.InvalidPathException e) {
            // The JVM's file name encoding (sun.jnu.encoding) cannot express it, e.g. under a C locale.
            throw new InvalidPathException(path + " has a name this server's file system cannot store");
        }
    }
}
