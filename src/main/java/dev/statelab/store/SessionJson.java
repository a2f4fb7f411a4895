package dev.statelab.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session as the shared store holds it: one versioned JSON document,
 * {@code {"v":1,"created":…,"accessed":…,"maxIdle":…,"user":…,"attrs":{…}}}, the attributes encoded by
 * the feature's codec. A document of another version, or one that does not parse, reads as no session.
 */
final class SessionJson {

    static final int VERSION = 1;
    private static final String PRINCIPAL = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

    private final JsonMapper json;
    private final SessionAttributeCodec codec;

    SessionJson(JsonMapper json, SessionAttributeCodec codec) {
        this.json = json;
        this.codec = codec;
    }

    String write(MapSession session) {
        ObjectNode root = json.createObjectNode();
        root.put("v", VERSION);
        root.put("created", session.getCreationTime().toEpochMilli());
        root.put("accessed", session.getLastAccessedTime().toEpochMilli());
        root.put("maxIdle", session.getMaxInactiveInterval().toSeconds());
        String user = session.getAttribute(PRINCIPAL);
        if (user != null) {
            root.put("user", user);
        }
        ObjectNode attrs = root.putObject("attrs");
        for (String name : session.getAttributeNames()) {
            if (!PRINCIPAL.equals(name)) {
                Object value = session.getAttribute(name);
                if (value != null) {
                    attrs.set(name, codec.encode(name, value));
                }
            }
        }
        return json.writeValueAsString(root);
    }

    @Nullable MapSession read(String id, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
        if (root == null || root.path("v").asInt() != VERSION) {
            return null;
        }
        MapSession session = new MapSession(id);
        session.setCreationTime(Instant.ofEpochMilli(root.path("created").asLong()));
        session.setLastAccessedTime(Instant.ofEpochMilli(root.path("accessed").asLong()));
        session.setMaxInactiveInterval(Duration.ofSeconds(root.path("maxIdle").asLong()));
        JsonNode user = root.get("user");
        if (user != null && user.isString()) {
            session.setAttribute(PRINCIPAL, user.asString());
        }
        for (Map.Entry<String, JsonNode> attr : root.path("attrs").properties()) {
            Object value = codec.decode(attr.getKey(), attr.getValue());
            if (value != null) {
                session.setAttribute(attr.getKey(), value);
            }
        }
        return session;
    }
}
