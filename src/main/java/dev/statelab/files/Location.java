package dev.statelab.files;

import java.nio.file.Path;

/**
 * One path of a home as found on disk by {@link Jail#locate}.
 *
 * @param entry where the name lies (every folder on the way resolved): deleting or renaming acts on it
 * @param real  the real file behind the entry: opening, writing or copying its content acts on it; the
 *              same as {@code entry} unless the entry is a link that stays inside the home
 */
record Location(UserPath path, Path entry, Path real) {
}
