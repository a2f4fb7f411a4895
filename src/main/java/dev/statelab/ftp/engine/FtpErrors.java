package dev.statelab.ftp.engine;

import java.io.UncheckedIOException;

import dev.statelab.files.FileStoreException;
import dev.statelab.files.IncompleteUploadException;
import dev.statelab.files.InsufficientStorageException;
import dev.statelab.files.InvalidPathException;
import dev.statelab.files.StorageFailureException;
import dev.statelab.files.UploadTooLargeException;

/** The one place where the file store's failures become FTP replies. */
final class FtpErrors {

    private FtpErrors() {
    }

    static FtpReply reply(RuntimeException e) {
        if (e instanceof UncheckedIOException) {
            return FtpReply.of(451, "Requested action aborted: local error in processing");
        }
        String text = sentence(e.getMessage());
        if (e instanceof InvalidPathException) {
            return FtpReply.of(553, "File name not allowed: " + text);
        }
        if (e instanceof UploadTooLargeException) {
            return FtpReply.of(552, "Exceeded storage allocation: " + text);
        }
        if (e instanceof InsufficientStorageException) {
            return FtpReply.of(452, "Insufficient storage space: " + text);
        }
        if (e instanceof IncompleteUploadException) {
            return FtpReply.of(426, "Connection closed; transfer aborted: " + text);
        }
        if (e instanceof StorageFailureException) {
            return FtpReply.of(451, "Requested action aborted: " + text);
        }
        if (e instanceof FileStoreException) {
            // not found, already exists, not a folder, not a file, folder not empty, precondition
            return FtpReply.of(550, "Requested action not taken: " + text);
        }
        return FtpReply.of(451, "Requested action aborted: local error in processing");
    }

    private static String sentence(@org.jspecify.annotations.Nullable String message) {
        return message == null || message.isEmpty() ? "unknown reason" : message;
    }
}
