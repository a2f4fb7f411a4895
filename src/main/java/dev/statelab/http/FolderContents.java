package dev.statelab.http;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The entries of one folder, sorted by name. */
@Schema(name = "FolderListing", description = "A folder's entries, sorted by name")
public record FolderContents(
        @Schema(description = "The folder, from the home root, ending with '/'", example = "/docs/") String path,
        List<ListingEntry> entries) {
}
