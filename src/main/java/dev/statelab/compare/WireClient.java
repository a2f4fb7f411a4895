package dev.statelab.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests over loopback with the JDK's HTTP client (HTTP/1.1, as curl would) and records each as
 * an {@link Exchange}. The client API shows neither the raw request nor the raw response, so bytes are
 * rebuilt from what this client is known to send: the request line, {@code Content-Length} (the JDK
 * client sends it, {@code 0} included, for every request built with {@code method(…)}, as here, on Java 17
 * and 25 alike; only {@code GET()} omits it from Java 19 on), {@code Host}, {@code User-Agent},
 * our headers and the body; and from what it received: the status line as Tomcat writes it
 * ({@code HTTP/1.1 200 }), every response header and the body bytes read. Chunk framing is not counted.
 */
final class WireClient {

    static final int KEPT_BODY_BYTES = 64 * 1024;

    private static final Set<String> SHOWN_RESPONSE_HEADERS = Set.of("content-type", "content-length",
            "content-range", "etag", "location", "x-ftp-reply", "x-auth-token", "www-authenticate", "accept-ranges");
    private static final Pattern PASSWORD = Pattern.compile("\"pass\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern FTP_CODE = Pattern.compile("^\\s*(\\d{3})");
    private static final String USER_AGENT = "Java-http-client/" + System.getProperty("java.version");

    /** One client for every run: each HttpClient keeps threads of its own until it is collected. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final JsonMapper json;

    /** Whether recorded exchanges name the instance (for another instance than this one). */
    private final boolean namesHost;

    WireClient(URI base, JsonMapper json) {
        this(base, json, false);
    }

    WireClient(URI base, JsonMapper json, boolean namesHost) {
        this.base = base;
        this.json = json;
        this.namesHost = namesHost;
    }

    Reply send(Call call) {
        HttpRequest.BodyPublisher publisher = call.body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(call.target))
                .timeout(Duration.ofSeconds(30))
                .method(call.method, publisher);
        call.headers.forEach(builder::header);
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] head;
            long bodyBytes = 0;
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[8192];
                byte[] kept = new byte[KEPT_BODY_BYTES];
                int keptLength = 0;
                long limit = call.cutAfter >= 0 ? call.cutAfter : Long.MAX_VALUE;
                int n;
                while (bodyBytes < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - bodyBytes))) > 0) {
                    int keep = Math.min(n, kept.length - keptLength);
                    System.arraycopy(buffer, 0, kept, keptLength, keep);
                    keptLength += keep;
                    bodyBytes += n;
                }
                head = Arrays.copyOf(kept, keptLength);
            }
            double millis = (System.nanoTime() - start) / 100_000 / 10.0;
            return new Reply(record(call, response, head, bodyBytes, millis), response.headers(), head);
        } catch (IOException e) {
            throw new UncheckedIOException("the server did not answer " + call.method + " " + call.target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Exchange record(Call call, HttpResponse<?> response, byte[] head, long bodyBytes, double millis) {
        long requestBody = call.body == null ? 0 : call.body.length;
        long sent = bytes(call.method + " " + call.target + " HTTP/1.1") + 2;
        sent += headerBytes("Content-Length", Long.toString(requestBody));
        sent += headerBytes("Host", base.getHost() + ":" + base.getPort());
        sent += headerBytes("User-Agent", USER_AGENT);
        for (Map.Entry<String, String> header : call.headers.entrySet()) {
            sent += headerBytes(header.getKey(), header.getValue());
        }
        sent += 2 + requestBody;

        long received = bytes("HTTP/1.1 " + response.statusCode() + " ") + 2;
        Map<String, String> shown = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            for (String value : header.getValue()) {
                received += headerBytes(header.getKey(), value);
            }
            if (SHOWN_RESPONSE_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                shown.put(canonical(header.getKey()), String.join(", ", header.getValue()));
            }
        }
        received += 2 + bodyBytes;

        Integer code = null;
        String text = null;
        String ftpReply = response.headers().firstValue("X-FTP-Reply").orElse(null);
        if (ftpReply != null) {
            Matcher m = FTP_CODE.matcher(ftpReply);
            if (m.find()) {
                code = Integer.valueOf(m.group(1));
                text = ftpReply.substring(m.end()).trim();
            }
        } else if (response.headers().firstValue("Content-Type").orElse("").contains("json") && head.length > 0) {
            try {
                JsonNode node = json.readTree(head);
                if (node.has("code") && node.get("code").isInt()) {
                    code = node.get("code").asInt();
                    text = node.path("text").asString(null);
                }
            } catch (RuntimeException notJson) {
                // a listing or a cut body: no FTP reply in it
            }
        }
        return new Exchange(call.client, call.method,
                namesHost ? base.resolve(call.target).toString() : call.target, shownRequestHeaders(call), requestBody,
                shownRequestText(call), response.statusCode(), code, text, shown, bodyBytes, sent, received, millis, true, null);
    }

    private static @Nullable String shownRequestText(Call call) {
        String type = call.headers.getOrDefault("Content-Type", "");
        if (call.body == null || call.body.length > 300 || !(type.startsWith("text/") || type.contains("json"))) {
            return null;
        }
        return PASSWORD.matcher(new String(call.body, StandardCharsets.UTF_8)).replaceAll("\"pass\":\"\u2022\u2022\u2022\"");
    }

    private static Map<String, String> shownRequestHeaders(Call call) {
        Map<String, String> shown = new LinkedHashMap<>();
        call.headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Authorization")) {
                int space = value.indexOf(' ');
                String scheme = space > 0 ? value.substring(0, space) : value;
                shown.put(name, scheme + " \u2022\u2022\u2022 (" + bytes(value) + " bytes, sent every time)");
            } else {
                shown.put(name, value);
            }
        });
        return shown;
    }

    private static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString().replace("Etag", "ETag").replace("X-Ftp-", "X-FTP-");
    }

    private static long headerBytes(String name, String value) {
        return bytes(name) + 2 + bytes(value) + 2;
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
