package dev.statelab.files;

/** The file is not in the state the writer expected (its ETag changed, or it exists when it must not). */
public class PreconditionFailedException extends FileStoreException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
