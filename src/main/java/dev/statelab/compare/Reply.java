package dev.statelab.compare;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import java.net.http.HttpHeaders;

/**
 * An exchange together with what the client needs from the response to carry on: its headers and the
 * first bytes of its body (enough for JSON replies, listings and ETags; file bodies are only counted).
 */
record Reply(Exchange exchange, HttpHeaders headers, byte[] head) {

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    String text() {
        return new String(head, StandardCharsets.UTF_8);
    }

    int status() {
        return exchange.status();
    }
}
