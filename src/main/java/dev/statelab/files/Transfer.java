package dev.statelab.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/** Both ends of a move or copy, resolved and checked: not the home itself, not onto or into itself. */
record Transfer(UserPath from, UserPath to, Path source, Path target, StoredFile sourceFile) {

    static Transfer check(Jail jail, UserPath from, UserPath to) {
        if (from.isRoot() || to.isRoot()) {
            throw new InvalidPathException("your home folder itself cannot be moved or replaced");
        }
        Path source = jail.resolve(from);
        Path target = jail.resolve(to);
        StoredFile file = Metadata.read(from, source);
        if (file == null) {
            throw new FileNotFoundException(from);
        }
        // Compared on disk as well, so a link inside the home cannot disguise the target's place.
        if (to.equals(from) || to.isInside(from) || target.startsWith(source)) {
            throw new InvalidPathException("a file or folder cannot be moved or copied onto or into itself");
        }
        return new Transfer(from, to, source, target, file);
    }

    /**
     * A relative link points elsewhere once moved: refuse a move after which the link would lead out of
     * the home or nowhere, as such links are refused everywhere else.
     */
    void checkLinkStaysValid(Jail jail) {
        if (!Files.isSymbolicLink(source)) {
            return;
        }
        try {
            Path pointsTo = target.resolveSibling(Files.readSymbolicLink(source));
            jail.checkInside(to, pointsTo);
        } catch (IOException e) {
            throw new InvalidPathException(to + " would be a broken link");
        }
    }

    /** What the target holds now, checked against {@code overwrite} and against the source's type. */
    @Nullable StoredFile existingTarget(boolean overwrite) {
        StoredFile existing = Metadata.read(to, target);
        if (existing == null) {
            return null;
        }
        if (!overwrite) {
            throw new FileAlreadyExistsException(to);
        }
        if (existing.isDirectory() != sourceFile.isDirectory()) {
            throw existing.isDirectory() ? new NotAFileException(to) : new NotADirectoryException(to);
        }
        return existing;
    }
}
