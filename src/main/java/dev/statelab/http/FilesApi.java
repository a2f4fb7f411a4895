package dev.statelab.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.statelab.web.OpenApiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.HttpMediaTypeNotSupportedException;

/** The OpenAPI description of the stateless file API, kept apart from the code that answers it. */
@Tag(name = "Stateless files", description = """
        Every request stands alone: credentials (HTTP Basic or a bearer token), the full path and any \
        precondition travel with it, and the server keeps nothing between requests. A nested path may be \
        written with '/' or, as Swagger UI sends it, with '%2F'.""")
@SecurityRequirement(name = OpenApiConfig.BASIC)
@SecurityRequirement(name = OpenApiConfig.BEARER)
@ApiResponse(responseCode = "401", description = "No or wrong credentials, or an expired or altered token",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true), examples =
        @ExampleObject(value = ApiExamples.UNAUTHENTICATED)))
interface FilesApi {

    String PATH_DESCRIPTION = "Path in your home, such as docs/a.txt; a folder may end with '/'; '/' for the home itself";

    @Operation(summary = "Download a file, or list a folder",
            description = """
                    A file streams with Content-Type, Content-Length, Last-Modified, a strong ETag and \
                    Accept-Ranges. If-None-Match / If-Modified-Since give 304; If-Match gives 412 when the file \
                    changed; one byte range (Range: bytes=0-99) gives 206, a range outside the file 416; If-Range \
                    sends the whole file when it has changed. Several ranges in one request are answered with \
                    the whole file. A folder answers with its entries, sorted by name.""")
    @ApiResponse(responseCode = "200", description = "The file's bytes, or the folder's listing", content = {
            @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/json", schema = @Schema(implementation = FolderContents.class),
                    examples = @ExampleObject(value = ApiExamples.LISTING))})
    @ApiResponse(responseCode = "206", description = "The requested range, with Content-Range",
            content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag or date you sent")
    @ApiResponse(responseCode = "404", description = "Nothing at this path", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(hidden = true), examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    @ApiResponse(responseCode = "412", description = "If-Match did not match", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "416", description = "The range lies outside the file; Content-Range: bytes */size",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "503", description = "Too many folder listings at once; Retry-After says when to try again",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    void get(@Parameter(in = ParameterIn.PATH, description = PATH_DESCRIPTION, example = "docs/a.txt") String path,
             @Parameter(hidden = true) Authentication user,
             @Parameter(hidden = true) HttpServletRequest request,
             @Parameter(hidden = true) HttpServletResponse response) throws IOException;

    @Operation(summary = "Upload a file (create or replace)",
            description = """
                    The raw body is the file; it streams to disk and replaces the file atomically, so a cut \
                    upload leaves the previous version. Send If-Match with the ETag you read to refuse lost \
                    updates (412), or If-None-Match: * to create only. A body over the size limit is refused \
                    with 413 before it is read.""",
            requestBody = @RequestBody(required = true, description = "The file's bytes",
                    content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(responseCode = "201", description = "Created", headers = {
            @Header(name = "Location", description = "The new file's URL"), @Header(name = "ETag", description = "Its ETag")})
    @ApiResponse(responseCode = "204", description = "Replaced", headers = @Header(name = "ETag", description = "The new ETag"))
    @ApiResponse(responseCode = "400", description = "Bad path, or the body was cut off", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "404", description = "The parent folder does not exist", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "409", description = "The path is a folder", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "412", description = "If-Match or If-None-Match failed", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true),
            examples = @ExampleObject(value = ApiExamples.PRECONDITION)))
    @ApiResponse(responseCode = "413", description = "Larger than statelab.storage.max-upload-size", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "415", description = "A form or multipart body instead of the raw bytes", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "507", description = "The disk is full; the previous version is unchanged", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    ResponseEntity<Void> put(@Parameter(in = ParameterIn.PATH, description = PATH_DESCRIPTION, example = "docs/a.txt") String path,
                             @Parameter(description = "Replace only if the file still has this ETag") @Nullable String ifMatch,
                             @Parameter(description = "'*': create only, never replace") @Nullable String ifNoneMatch,
                             @Parameter(hidden = true) Authentication user,
                             @Parameter(hidden = true) HttpServletRequest request,
                             @Parameter(hidden = true) HttpServletResponse response) throws IOException, HttpMediaTypeNotSupportedException;

    @Operation(summary = "Delete a file or folder", description = "A folder that is not empty needs recursive=true.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Nothing at this path", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "409", description = "The folder is not empty", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    ResponseEntity<Void> delete(@Parameter(in = ParameterIn.PATH, description = PATH_DESCRIPTION, example = "docs/old") String path,
                                @Parameter(description = "Delete a folder with everything in it") boolean recursive,
                                @Parameter(hidden = true) Authentication user);

    @Operation(summary = "Make a folder, move/rename, or copy, in one request",
            description = """
                    action=mkdir creates the folder named by the path. action=move and action=copy take the \
                    target in 'to' (a path from your home root); an existing target is replaced only with \
                    overwrite=true, otherwise 409. This is the stateless counterpart of FTP's MKD and of its \
                    two-step RNFR/RNTO: the server holds nothing between two requests.""")
    @ApiResponse(responseCode = "201", description = "Created at the target; Location names it", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ListingEntry.class)))
    @ApiResponse(responseCode = "200", description = "An existing target was replaced (overwrite=true)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ListingEntry.class)))
    @ApiResponse(responseCode = "400", description = "Bad path, missing 'to', unknown action, or a folder into itself", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "404", description = "The source or the target's folder does not exist", content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "409", description = "The target exists and overwrite is false, or is of the other kind", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(hidden = true), examples = @ExampleObject(value = ApiExamples.EXISTS)))
    ResponseEntity<ListingEntry> act(@Parameter(in = ParameterIn.PATH, description = PATH_DESCRIPTION, example = "docs/a.txt") String path,
                                     @Parameter(description = "What to do", example = "move") FileAction action,
                                     @Parameter(description = "Target path for move and copy", example = "/archive/a.txt") @Nullable String to,
                                     @Parameter(description = "Replace an existing target") boolean overwrite,
                                     @Parameter(hidden = true) Authentication user);
}
