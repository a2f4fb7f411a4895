package dev.statelab.http;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Semaphore;

import dev.statelab.files.FileStore;
import dev.statelab.files.UserPath;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Folder listings written as the folder is read, entry by entry, so that a folder of 100,000 entries
 * is never held whole as objects or as JSON; at most {@link ListingProperties#maxConcurrent()} run at once.
 */
@Component
class StreamedListings {

    // never null for a policy with directives; the library's return type only allows for an empty one
    private static final String CACHE_CONTROL = Objects.requireNonNull(
            CacheControl.noCache().cachePrivate().getHeaderValue());

    private final FileStore store;
    private final JsonMapper json;
    private final ListingProperties properties;
    private final Semaphore slots;

    StreamedListings(FileStore store, JsonMapper json, ListingProperties properties) {
        this.store = store;
        this.json = json;
        this.properties = properties;
        this.slots = new Semaphore(properties.maxConcurrent());
    }

    /**
     * Writes the listing of {@code folder}, an existing folder, to the response as the folder is read;
     * {@link ListingsBusyException} when every slot is taken.
     */
    void write(String user, UserPath folder, HttpServletResponse response) throws IOException {
        if (!slots.tryAcquire()) {
            throw new ListingsBusyException(properties.maxConcurrent(), properties.retryAfter());
        }
        try {
            response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            try (JsonGenerator generator = json.createGenerator(response.getOutputStream())) {
                generator.writeStartObject();
                generator.writeStringProperty("path", RequestedPath.folderName(folder));
                generator.writeName("entries");
                generator.writeStartArray();
                store.list(user, folder, file -> generator.writePOJO(ListingEntry.of(file)));
                generator.writeEndArray();
                generator.writeEndObject();
            }
        } finally {
            slots.release();
        }
    }
}
