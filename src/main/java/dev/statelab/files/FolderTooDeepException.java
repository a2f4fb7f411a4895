package dev.statelab.files;

/** A mkdir, move or copy would put a folder deeper below the home than {@code statelab.storage.max-depth}. */
public class FolderTooDeepException extends InvalidPathException {

    private final int limit;

    public FolderTooDeepException(UserPath path, int limit) {
        super(path + " would put a folder more than " + limit + " levels below your home, the most this server allows");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
