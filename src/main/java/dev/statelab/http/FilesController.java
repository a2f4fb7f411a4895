package dev.statelab.http;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.statelab.files.FileStore;
import dev.statelab.files.FileStoreException;
import dev.statelab.files.InvalidPathException;
import dev.statelab.files.NotADirectoryException;
import dev.statelab.files.NotAFileException;
import dev.statelab.files.ReadableFile;
import dev.statelab.files.StoredFile;
import dev.statelab.files.UploadTooLargeException;
import dev.statelab.files.UserPath;
import dev.statelab.files.WritePrecondition;
import dev.statelab.files.WriteResult;
import dev.statelab.web.Problems;
import dev.statelab.web.UnreadBody;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stateless file API: each request names the full path and carries its own credentials and
 * preconditions; nothing is remembered between requests. The file store does all the disk work.
 * The OpenAPI description lives on {@link FilesApi}.
 */
@RestController
@RequestMapping("/api/http/files")
class FilesController implements FilesApi {

    private final FileStore store;
    private final StreamedListings listings;

    FilesController(FileStore store, StreamedListings listings) {
        this.store = store;
        this.listings = listings;
    }

    /**
     * The file, with its validators, preconditions and range ({@link FileDownload}), or the folder's
     * listing, streamed ({@link StreamedListings}); both write the answer themselves. Every failure is
     * thrown and answered by the API's one error handler. The path was usually parsed already by
     * {@link DirectFileDownloads}, which passed the request on.
     */
    @Override
    @GetMapping("/{*path}")
    public void get(@PathVariable String path, Authentication user,
                    HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestedPath requested = DirectFileDownloads.parsed(request, path);
        ReadableFile file;
        try {
            file = store.read(user.getName(), requested.path());
        } catch (NotAFileException folder) {
            listings.write(user.getName(), requested.path(), response);
            return;
        }
        if (requested.folder()) {
            throw new NotADirectoryException(requested.path());
        }
        FileDownload.send(file, request, response);
    }

    @Override
    @PutMapping("/{*path}")
    public ResponseEntity<Void> put(@PathVariable String path,
                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                    @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
                                    Authentication user, HttpServletRequest request, HttpServletResponse response)
            throws IOException, HttpMediaTypeNotSupportedException {
        try {
            RequestedPath requested = RequestedPath.of(path);
            if (requested.folder()) {
                throw new InvalidPathException("a file name cannot end with '/'; to make a folder, POST ?action=mkdir");
            }
            refuseFormBodies(request);
            long length = request.getContentLengthLong();
            if (length > store.maxUploadSize()) {
                throw new UploadTooLargeException(store.maxUploadSize());
            }
            WriteResult result = store.write(user.getName(), requested.path(), request.getInputStream(), length,
                    precondition(ifMatch, ifNoneMatch));
            StoredFile file = result.file();
            ResponseEntity.BodyBuilder answer = result.created()
                    ? ResponseEntity.created(URI.create(RequestedPath.url(file.path(), false)))
                    : ResponseEntity.status(HttpStatus.NO_CONTENT);
            return answer.eTag(file.etag()).lastModified(file.modified()).build();
        } catch (FileStoreException | HttpMediaTypeNotSupportedException e) {
            // the body may be unread and huge: close rather than let the server read it to the end
            response.setHeader(HttpHeaders.CONNECTION, "close");
            throw e;
        }
    }

    private static void refuseFormBodies(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
        String type = request.getContentType();
        if (UnreadBody.isForm(type)) {
            HttpMediaTypeNotSupportedException refused = new HttpMediaTypeNotSupportedException(
                    MediaType.parseMediaType(type), List.of(MediaType.APPLICATION_OCTET_STREAM), HttpMethod.PUT);
            // curl's --data-binary sends a form type by default: say what works instead
            refused.getBody().setDetail("The body of a PUT is the file's bytes, not a form: send it with any other "
                    + "Content-Type, e.g. application/octet-stream (curl -T file, or --data-binary @file "
                    + "-H 'Content-Type: application/octet-stream').");
            throw refused;
        }
    }

    private static WritePrecondition precondition(@Nullable String ifMatch, @Nullable String ifNoneMatch) {
        boolean createOnly = false;
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw new InvalidPathException("on PUT, If-None-Match may only be '*' (create, never replace)");
            }
            createOnly = true;
        }
        return new WritePrecondition(ifMatch, createOnly);
    }

    @Override
    @DeleteMapping("/{*path}")
    public ResponseEntity<Void> delete(@PathVariable String path,
                                       @RequestParam(defaultValue = "false") boolean recursive, Authentication user) {
        store.delete(user.getName(), RequestedPath.of(path).path(), recursive);
        return ResponseEntity.noContent().build();
    }

    @Override
    @PostMapping("/{*path}")
    public ResponseEntity<ListingEntry> act(@PathVariable String path, @RequestParam FileAction action,
                                            @RequestParam(required = false) @Nullable String to,
                                            @RequestParam(defaultValue = "false") boolean overwrite,
                                            Authentication user) {
        String name = user.getName();
        UserPath source = RequestedPath.of(path).path();
        if (action == FileAction.mkdir) {
            StoredFile folder = store.mkdir(name, source);
            return ResponseEntity.created(URI.create(RequestedPath.url(folder.path(), true)))
                    .body(ListingEntry.of(folder));
        }
        if (to == null || to.isBlank()) {
            throw new InvalidPathException("action=" + action + " needs a target: add to=/folder/name");
        }
        UserPath target = UserPath.parse(to);
        boolean replacing = store.find(name, target) != null;
        StoredFile result = action == FileAction.move
                ? store.move(name, source, target, overwrite)
                : store.copy(name, source, target, overwrite);
        ListingEntry entry = ListingEntry.of(result);
        URI location = URI.create(RequestedPath.url(result.path(), result.isDirectory()));
        return replacing
                ? ResponseEntity.ok().location(location).body(entry)
                : ResponseEntity.created(location).body(entry);
    }
}
