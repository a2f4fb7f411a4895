package dev.statelab.files;

public class NotADirectoryException extends FileStoreException {

    public NotADirectoryException(UserPath path) {
        super(path + " is a file, not a folder");
    }
}
