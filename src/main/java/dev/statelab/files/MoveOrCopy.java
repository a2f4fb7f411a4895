package dev.statelab.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/** Both ends of a move or copy, located and checked: not the home itself, not onto or into itself. */
record MoveOrCopy(Location source, Location target, StoredFile sourceFile) {

    static MoveOrCopy check(Jail jail, UserPath from, UserPath to) {
        if (from.isRoot() || to.isRoot()) {
            throw new InvalidPathException("your home folder itself cannot be moved or replaced");
        }
        Location source = jail.locate(from);
        Location target = jail.locate(to);
        StoredFile file = Metadata.read(from, source.entry());
        if (file == null) {
            throw new FileNotFoundException(from);
        }
        // Compared on disk as well, so a link inside the home cannot disguise the target's place.
        if (to.equals(from) || to.isInside(from) || target.entry().startsWith(source.entry())) {
            throw new InvalidPathException("a file or folder cannot be moved or copied onto or into itself");
        }
        return new MoveOrCopy(source, target, file);
    }

    UserPath from() {
        return source.path();
    }

    UserPath to() {
        return target.path();
    }

    /**
     * A relative link points elsewhere once moved: refuse a move after which the link would lead out of
     * the home or nowhere, as such links are refused everywhere else.
     */
    void checkLinkStaysValid(Jail jail) {
        Path link = source.entry();
        if (!Files.isSymbolicLink(link)) {
            return;
        }
        try {
            jail.requireInside(to(), target.entry().resolveSibling(Files.readSymbolicLink(link)));
        } catch (IOException e) {
            throw new InvalidPathException(to() + " would be a broken link");
        }
    }

    /** What the target holds now, checked against {@code overwrite} and against the source's type. */
    @Nullable StoredFile existingTarget(boolean overwrite) {
        StoredFile existing = Metadata.read(to(), target.entry());
        if (existing == null) {
            return null;
        }
        if (!overwrite) {
            throw new FileAlreadyExistsException(to());
        }
        if (existing.isDirectory() != sourceFile.isDirectory()) {
            throw existing.isDirectory() ? new NotAFileException(to()) : new NotADirectoryException(to());
        }
        return existing;
    }
}
