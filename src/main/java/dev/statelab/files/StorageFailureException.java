package dev.statelab.files;

/** An I/O failure that is not the client's fault; the cause is logged, never shown. */
public class StorageFailureException extends FileStoreException {

    public StorageFailureException(String message) {
        super(message);
    }

    public StorageFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
