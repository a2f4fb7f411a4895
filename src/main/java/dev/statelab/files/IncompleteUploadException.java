package dev.statelab.files;

/** The body ended or broke before all its bytes arrived; nothing was stored. */
public class IncompleteUploadException extends FileStoreException {

    public IncompleteUploadException(String message) {
        super(message);
    }

    public IncompleteUploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
