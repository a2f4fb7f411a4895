package dev.statelab.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Maps a {@link UserPath} to a place on disk inside one user's home and proves it stays there: the
 * text was already checked by {@code UserPath}; this also resolves symbolic links on the way and refuses
 * a path whose real location is outside the home (a link planted to point at {@code /etc}, say).
 */
final class Jail {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path home;
    private final Path realHome;

    private Jail(Path home, Path realHome) {
        this.home = home;
        this.realHome = realHome;
    }

    static Jail forUser(Path root, String user) {
        if (!USER_NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("User names are letters, digits, '.', '_' and '-': " + user);
        }
        try {
            Path home = Files.createDirectories(root.resolve(user));
            return new Jail(home, home.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the home folder of " + user, e);
        }
    }

    Path home() {
        return home;
    }

    /** The on-disk location of {@code path}, after checking that no symbolic link leads out of the home. */
    Path resolve(UserPath path) {
        Path target = home;
        for (String segment : path.segments()) {
            target = target.resolve(segment);
        }
        checkRealLocation(path, target);
        return target;
    }

    private void checkRealLocation(UserPath path, Path target) {
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new InvalidPathException(path + " is outside your home");
        }
        try {
            Path real = existing.toRealPath();
            if (!real.startsWith(realHome)) {
                throw new InvalidPathException(path + " leads outside your home");
            }
        } catch (IOException e) {
            // A dangling link: its target does not exist, so nothing can be read through it, and
            // writing through it could create a file outside the home.
            throw new InvalidPathException(path + " is a broken link");
        }
    }
}
