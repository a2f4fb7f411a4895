package dev.statelab.web;

import java.net.URI;

import dev.statelab.files.DirectoryNotEmptyException;
import dev.statelab.files.FileAlreadyExistsException;
import dev.statelab.files.FileNotFoundException;
import dev.statelab.files.FileStoreException;
import dev.statelab.files.IncompleteUploadException;
import dev.statelab.files.InsufficientStorageException;
import dev.statelab.files.InvalidPathException;
import dev.statelab.files.NotADirectoryException;
import dev.statelab.files.NotAFileException;
import dev.statelab.files.PreconditionFailedException;
import dev.statelab.files.UploadTooLargeException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become RFC 9457 problem bodies (built by {@link Problems}): the file
 * store's own exceptions here, Spring MVC's (405, 415, 400…) through the inherited handler; a storage
 * failure and anything unknown is a 500. Details name paths only as the user
 * sees them; causes are logged by the store, never sent.
 */
@RestControllerAdvice
public class FileStoreProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(FileStoreException.class)
    ProblemDetail fileStoreFailure(FileStoreException e) {
        Kind kind = Kind.of(e);
        ProblemDetail problem = Problems.of(kind.status, kind.slug, kind.title, detail(e));
        if (e instanceof UploadTooLargeException tooLarge) {
            problem.setProperty("limit", tooLarge.limit());
        }
        return problem;
    }

    /**
     * Tomcat refuses a parameter it cannot decode ({@code ?to=%ff}) when it is first read: the client's
     * mistake, so a 400 and no log, not a 500 with a stack trace.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameter(InvalidParameterException e) {
        int code = e.getErrorCode() >= 400 && e.getErrorCode() < 500 ? e.getErrorCode() : 400;
        return Problems.of(HttpStatusCode.valueOf(code), "invalid-parameter", "Invalid parameter",
                "A query parameter could not be decoded: percent-encode its value as UTF-8 bytes.");
    }

    /** Spring MVC's own problems (405, 415, 400…) get a type of ours too, as the contract promises. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
                                                          HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || URI.create("about:blank").equals(problem.getType()))) {
            problem.setType(Problems.type("http-" + statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String detail(FileStoreException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }

    private enum Kind {
        INVALID_PATH(HttpStatus.BAD_REQUEST, "invalid-path", "Invalid path"),
        INCOMPLETE(HttpStatus.BAD_REQUEST, "incomplete-upload", "Incomplete upload"),
        NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
        EXISTS(HttpStatus.CONFLICT, "already-exists", "Already exists"),
        NOT_EMPTY(HttpStatus.CONFLICT, "folder-not-empty", "Folder not empty"),
        IS_FOLDER(HttpStatus.CONFLICT, "is-a-folder", "Is a folder"),
        IS_FILE(HttpStatus.CONFLICT, "not-a-folder", "Not a folder"),
        PRECONDITION(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed"),
        TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large"),
        FULL(HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage", "Insufficient storage"),
        FAILURE(HttpStatus.INTERNAL_SERVER_ERROR, "storage-failure", "Storage failure");

        final HttpStatus status;
        final String slug;
        final String title;

        Kind(HttpStatus status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        static Kind of(FileStoreException e) {
            if (e instanceof InvalidPathException) return INVALID_PATH;
            if (e instanceof IncompleteUploadException) return INCOMPLETE;
            if (e instanceof FileNotFoundException) return NOT_FOUND;
            if (e instanceof FileAlreadyExistsException) return EXISTS;
            if (e instanceof DirectoryNotEmptyException) return NOT_EMPTY;
            if (e instanceof NotAFileException) return IS_FOLDER;
            if (e instanceof NotADirectoryException) return IS_FILE;
            if (e instanceof PreconditionFailedException) return PRECONDITION;
            if (e instanceof UploadTooLargeException) return TOO_LARGE;
            if (e instanceof InsufficientStorageException) return FULL;
            return FAILURE;
        }
    }
}
