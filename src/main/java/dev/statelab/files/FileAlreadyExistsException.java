package dev.statelab.files;

public class FileAlreadyExistsException extends FileStoreException {

    public FileAlreadyExistsException(UserPath path) {
        super(path + " already exists");
    }
}
