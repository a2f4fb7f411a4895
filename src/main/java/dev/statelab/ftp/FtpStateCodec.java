package dev.statelab.ftp;

import dev.statelab.ftp.engine.FtpSessionState;
import dev.statelab.store.SessionAttributeCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The FTP-style state record as JSON in a shared store, field by field, so the stored form stays the
 * same whatever the record's Java shape grows into. An attribute of another name, or a document without
 * the fields of version 1, reads as nothing: the session then starts over as a fresh connection. The one
 * other attribute is the {@code via} marker of a real FTP port's control connection, a plain string.
 */
final class FtpStateCodec implements SessionAttributeCodec {

    private final JsonMapper json;

    FtpStateCodec(JsonMapper json) {
        this.json = json;
    }

    @Override
    public JsonNode encode(String name, Object value) {
        if (ControlConnectionSessions.VIA.equals(name) && value instanceof String via) {
            return json.getNodeFactory().textNode(via);
        }
        if (!(value instanceof FtpSessionState state)) {
            throw new IllegalArgumentException("Only the FTP-style state is kept in a session, not " + name);
        }
        ObjectNode node = json.createObjectNode();
        putNullable(node, "user", state.user());
        node.put("loggedIn", state.loggedIn());
        putNullable(node, "role", state.role());
        node.put("cwd", state.cwd());
        putNullable(node, "pendingRename", state.pendingRename());
        node.put("restartOffset", state.restartOffset());
        node.put("type", String.valueOf(state.type()));
        node.put("loginTime", state.loginTime());
        putNullable(node, "remoteAddress", state.remoteAddress());
        node.put("commands", state.commands());
        node.put("bytesIn", state.bytesIn());
        node.put("bytesOut", state.bytesOut());
        return node;
    }

    @Override
    public @Nullable Object decode(String name, JsonNode stored) {
        if (ControlConnectionSessions.VIA.equals(name)) {
            return stored.isString() ? stored.asString() : null;
        }
        if (!FtpExchange.STATE.equals(name) || !stored.isObject() || !stored.path("cwd").isString()) {
            return null;
        }
        String type = stored.path("type").asString("I");
        return new FtpSessionState(
                new FtpSessionState.Login(text(stored, "user"), stored.path("loggedIn").asBoolean(),
                        text(stored, "role"), stored.path("loginTime").asLong(), text(stored, "remoteAddress")),
                new FtpSessionState.Position(stored.path("cwd").asString(), text(stored, "pendingRename"),
                        stored.path("restartOffset").asLong(), type.isEmpty() ? FtpSessionState.BINARY : type.charAt(0)),
                new FtpSessionState.Counters(stored.path("commands").asLong(), stored.path("bytesIn").asLong(),
                        stored.path("bytesOut").asLong()));
    }

    private static void putNullable(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
