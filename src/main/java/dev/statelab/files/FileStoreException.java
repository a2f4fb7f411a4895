package dev.statelab.files;

/**
 * Every failure the file store reports. Messages name paths only as the user sees them (relative to the
 * home), never as they lie on the server's disk, so they are safe to show to a client.
 */
public abstract class FileStoreException extends RuntimeException {

    protected FileStoreException(String message) {
        super(message);
    }

    protected FileStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
