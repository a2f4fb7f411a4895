package dev.statelab.files;

public class UploadTooLargeException extends FileStoreException {

    private final long limit;

    public UploadTooLargeException(long limit) {
        super("the upload is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
