package dev.statelab.compare;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A client of the stateless file API as a script or a browser would write it: it remembers where it is
 * and what it saw (ETags, offsets) itself, and sends its credentials and the full path with every request.
 */
final class StatelessClient {

    static final String FILES = "/api/http/files/";

    private final String name;
    private final WireClient wire;
    private final String authorization;

    StatelessClient(String name, WireClient wire, String authorization) {
        this.name = name;
        this.wire = wire;
        this.authorization = authorization;
    }

    String name() {
        return name;
    }

    /** The same client sending another {@code Authorization} value (a bearer token instead of Basic). */
    StatelessClient withAuthorization(String value) {
        return new StatelessClient(name, wire, value);
    }

    /** Trades the Basic credentials for a signed bearer token ({@code POST /api/http/token}). */
    Reply token() {
        return send(new Call(name, "POST", "/api/http/token").header("Authorization", authorization));
    }

    Call call(String method, String path) {
        return call(method, path, "");
    }

    Call call(String method, String path, String query) {
        return new Call(name, method, FILES + encode(path) + query).header("Authorization", authorization);
    }

    Reply send(Call call) {
        return wire.send(call);
    }

    Reply list(String folder) {
        return send(call("GET", folder.endsWith("/") ? folder : folder + "/"));
    }

    Reply get(String path) {
        return send(call("GET", path));
    }

    Reply getCut(String path, long bytes) {
        return send(call("GET", path).cutAfter(bytes));
    }

    Reply getFrom(String path, long offset, @Nullable String ifRange) {
        Call call = call("GET", path).header("Range", "bytes=" + offset + "-");
        if (ifRange != null) {
            call.header("If-Range", ifRange);
        }
        return send(call);
    }

    Reply put(String path, byte[] body, @Nullable String ifMatch) {
        Call call = call("PUT", path).body(body, "application/octet-stream");
        if (ifMatch != null) {
            call.header("If-Match", ifMatch);
        }
        return send(call);
    }

    /** The stateless counterpart of RNFR+RNTO: one request naming both paths. */
    Reply move(String from, String to) {
        return send(call("POST", from, "?action=move&to=" + URLEncoder.encode("/" + to, StandardCharsets.UTF_8)));
    }

    static String encode(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", segments);
    }
}
