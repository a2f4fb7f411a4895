package dev.statelab.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code Authorization} value of HTTP Basic, as every test client sends it. */
public final class BasicHeader {

    private BasicHeader() {
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
