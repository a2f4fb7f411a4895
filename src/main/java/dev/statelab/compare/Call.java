package dev.statelab.compare;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request about to be sent: method, path (with query) relative to the server, headers, body, and
 * optionally a cut: the client stops reading after that many body bytes and drops the connection.
 */
final class Call {

    final String client;
    final String method;
    final String target;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte @Nullable [] body;
    long cutAfter = -1;

    Call(String client, String method, String target) {
        this.client = client;
        this.method = method;
        this.target = target;
    }

    Call header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Call body(byte[] bytes, String contentType) {
        this.body = bytes;
        return header("Content-Type", contentType);
    }

    Call cutAfter(long bytes) {
        this.cutAfter = bytes;
        return this;
    }
}
