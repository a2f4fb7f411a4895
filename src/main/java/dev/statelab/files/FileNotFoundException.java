package dev.statelab.files;

public class FileNotFoundException extends FileStoreException {

    public FileNotFoundException(UserPath path) {
        super(path + " does not exist");
    }
}
