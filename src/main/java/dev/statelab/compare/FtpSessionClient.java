package dev.statelab.compare;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the FTP-style API as an FTP user would drive it: it logs in once, then sends short commands
 * that lean on what the server remembers (the current directory, a pending rename, a restart offset).
 */
final class FtpSessionClient {

    private final String name;
    private final WireClient wire;
    private final JsonMapper json;
    private final String user;
    private final String password;
    private @Nullable String token;

    FtpSessionClient(String name, WireClient wire, JsonMapper json, String user, String password) {
        this.name = name;
        this.wire = wire;
        this.json = json;
        this.user = user;
        this.password = password;
    }

    String name() {
        return name;
    }

    @Nullable String token() {
        return token;
    }

    Reply login() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("user", user);
        body.put("pass", password);
        Reply reply = wire.send(new Call(name, "POST", "/api/ftp/session")
                .body(json.writeValueAsBytes(body), "application/json"));
        token = reply.header("X-Auth-Token").orElse(token);
        return reply;
    }

    Reply command(String line) {
        return wire.send(commandCall(line));
    }

    /** A command sent with a token this client held before (to show what happens to it). */
    Reply commandWith(@Nullable String oldToken, String line) {
        Call call = new Call(name, "POST", "/api/ftp/command").body(line.getBytes(StandardCharsets.UTF_8), "text/plain");
        if (oldToken != null) {
            call.header("X-Auth-Token", oldToken);
        }
        return wire.send(call);
    }

    /** A command with this client's token sent to another instance, as when a balancer routes it there. */
    Reply commandOn(WireClient other, String line) {
        return other.send(commandCall(line));
    }

    Reply retr(String file, long cutAfter) {
        return wire.send(commandCall("RETR " + file).cutAfter(cutAfter));
    }

    Reply stor(String file, byte[] content) {
        return wire.send(withToken(new Call(name, "PUT", "/api/ftp/stor?path=" + URLEncoder.encode(file, StandardCharsets.UTF_8)))
                .body(content, "application/octet-stream"));
    }

    /** An admin's call to end every FTP-style session (the admin endpoints take the admin's own session token). */
    Reply forgetAllSessions() {
        Reply reply = wire.send(withToken(new Call(name, "DELETE", "/api/ftp/sessions")));
        token = null;
        return reply;
    }

    Reply quit() {
        Reply reply = wire.send(withToken(new Call(name, "DELETE", "/api/ftp/session")));
        token = null;
        return reply;
    }

    /** Asks the server what it holds for this client; a probe outside the model, never counted. */
    Held held() {
        if (token == null) {
            return Held.nothing(name, "no session: this client is not logged in");
        }
        Reply reply = wire.send(withToken(new Call(name, "GET", "/api/ftp/session")));
        if (reply.status() != 200) {
            return Held.nothing(name, "no session: the server does not know this token");
        }
        JsonNode node = json.readTree(reply.head());
        @SuppressWarnings("unchecked")
        Map<String, Object> state = node.has("state") ? json.convertValue(node.get("state"), Map.class) : Map.of();
        return new Held(name, state, node.path("stateBytes").asLong(0), null);
    }

    private Call commandCall(String line) {
        return withToken(new Call(name, "POST", "/api/ftp/command"))
                .body(line.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    private Call withToken(Call call) {
        if (token != null) {
            call.header("X-Auth-Token", token);
        }
        return call;
    }
}
