package dev.statelab.http;

import java.util.concurrent.Semaphore;

import dev.statelab.files.FileStore;
import dev.statelab.files.UserPath;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Folder listings written as the folder is read, entry by entry, so that a folder of 100,000 entries
 * is never held whole as objects or as JSON; at most {@link ListingProperties#maxConcurrent()} run at once.
 */
@Component
class StreamedListings {

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

    /** The listing of {@code folder}, an existing folder; {@link ListingsBusyException} when every slot is taken. */
    ResponseEntity<StreamingResponseBody> of(String user, UserPath folder) {
        if (!slots.tryAcquire()) {
            throw new ListingsBusyException(properties.maxConcurrent(), properties.retryAfter());
        }
        StreamingResponseBody body = out -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringProperty("path", RequestedPath.folderName(folder));
                generator.writeName("entries");
                generator.writeStartArray();
                store.list(user, folder, file -> generator.writePOJO(ListingEntry.of(file)));
                generator.writeEndArray();
                generator.writeEndObject();
            } finally {
                slots.release();
            }
        };
        return ResponseEntity.ok().cacheControl(CacheControl.noCache().cachePrivate())
                .contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
