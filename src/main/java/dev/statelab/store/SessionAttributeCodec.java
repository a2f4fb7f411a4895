package dev.statelab.store;

import tools.jackson.databind.JsonNode;

/**
 * How a feature's session attributes become JSON in a shared store and back. The store never
 * deserializes classes by name: it knows only the attributes the feature names here, so nothing another
 * writer of the store puts there can make it build an object it did not expect.
 */
public interface SessionAttributeCodec {

    JsonNode encode(String name, Object value);

    /** The attribute, or null when the stored form is not one this version reads (it is then dropped). */
    @org.jspecify.annotations.Nullable Object decode(String name, JsonNode stored);
}
