package dev.statelab.files;

import java.nio.file.Path;

/**
 * A fixed set of monitors, one chosen by the hash of a path: the commit step of a write (check the
 * precondition, rename) runs under the lock of its target, so two conditional writers cannot both pass
 * the check. Striping keeps memory constant however many files there are.
 */
final class PathLocks {

    private static final int STRIPES = 256;

    private final Object[] stripes = new Object[STRIPES];

    PathLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    Object forPath(Path path) {
        return stripes[Math.floorMod(path.hashCode(), STRIPES)];
    }
}
