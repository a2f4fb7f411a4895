package dev.statelab.files;

/** The path text was refused before it reached the disk. */
public class InvalidPathException extends FileStoreException {

    public InvalidPathException(String reason) {
        super(reason);
    }
}
