package dev.statelab.files;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.jspecify.annotations.Nullable;

/**
 * One path of a home as found on disk by {@link Jail#locate}.
 *
 * @param entry where the name lies (every folder on the way resolved): deleting or renaming acts on it
 * @param real  the real file behind the entry: opening, writing or copying its content acts on it; the
 *              same as {@code entry} unless the entry is a link that stays inside the home
 * @param attributes what looking at the entry found when it is there and not a link, so that its metadata
 *                   needs no second call to the disk; null otherwise
 */
record Location(UserPath path, Path entry, Path real, @Nullable BasicFileAttributes attributes) {

    Location(UserPath path, Path entry, Path real) {
        this(path, entry, real, null);
    }
}
