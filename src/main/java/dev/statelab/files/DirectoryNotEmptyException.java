package dev.statelab.files;

public class DirectoryNotEmptyException extends FileStoreException {

    public DirectoryNotEmptyException(UserPath path) {
        super(path + " is a folder that is not empty");
    }
}
