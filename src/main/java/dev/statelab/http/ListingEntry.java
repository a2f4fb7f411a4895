package dev.statelab.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.statelab.files.StoredFile;
import io.swagger.v3.oas.annotations.media.Schema;

/** One file or folder in a folder listing. */
@Schema(description = "A file or folder")
public record ListingEntry(
        @Schema(example = "a.txt") String name,
        @Schema(allowableValues = {"file", "dir"}, example = "file") String type,
        @Schema(description = "Bytes; 0 for a folder", example = "12") long size,
        @Schema(description = "Last modification, UTC, to the second", example = "2026-11-24T10:00:00Z") Instant modified,
        @Schema(description = "Strong ETag, the one a GET of the file returns; send it in If-Match to update safely",
                example = "\"c-187b1c3a2f1e8a00-2b1f4\"") String etag) {

    static ListingEntry of(StoredFile file) {
        return new ListingEntry(file.name(), file.isDirectory() ? "dir" : "file", file.size(),
                file.modified().truncatedTo(ChronoUnit.SECONDS), file.etag());
    }
}
