package dev.statelab.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How deep folders may nest below a home. Without a bound, nesting a folder into itself a few times
 * builds a tree thousands of levels deep, which tools (and once this store) walk by recursion and
 * whose path names outgrow what the system accepts. Checked before anything changes.
 */
record DepthLimit(int maxDepth) {

    /** A new folder at {@code path}. */
    void checkFolder(UserPath path) {
        if (path.segments().size() > maxDepth) {
            throw new FolderTooDeepException(path, maxDepth);
        }
    }

    /** The folder {@code source}, with everything in it, arriving at {@code to}: the whole subtree must fit. */
    void checkTree(UserPath to, Path source) throws IOException {
        checkFolder(to);
        int room = maxDepth - to.segments().size();
        if (Tree.depthBelow(source, room) > room) {
            throw new FolderTooDeepException(to, maxDepth);
        }
    }
}
