package dev.statelab.files;

public class InsufficientStorageException extends FileStoreException {

    public InsufficientStorageException() {
        super("there is not enough free space to store the file; the previous version is unchanged");
    }
}
