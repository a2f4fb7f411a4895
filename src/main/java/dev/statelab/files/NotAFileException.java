package dev.statelab.files;

public class NotAFileException extends FileStoreException {

    public NotAFileException(UserPath path) {
        super(path + " is a folder, not a file");
    }
}
