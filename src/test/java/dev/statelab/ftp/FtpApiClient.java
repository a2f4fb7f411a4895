package dev.statelab.ftp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tests' client of the FTP-style HTTP API ({@code /api/ftp}) over the JDK's HttpClient, as an outside client calls it. */
final class FtpApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    FtpApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    HttpResponse<String> login(String user, String pass) {
        return login(null, user, pass);
    }

    HttpResponse<String> login(@Nullable String token, String user, String pass) {
        return send(withToken(HttpRequest.newBuilder(uri("/api/ftp/session")), token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"pass\":\"" + pass + "\"}")));
    }

    String token(String user, String pass) {
        HttpResponse<String> response = login(user, pass);
        if (response.statusCode() != 201) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("token").asString();
    }

    HttpResponse<String> raw(@Nullable String token, String line) {
        return send(withToken(HttpRequest.newBuilder(uri("/api/ftp/command")), token)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(line)));
    }

    HttpResponse<String> get(@Nullable String token, String path) {
        return send(withToken(HttpRequest.newBuilder(uri(path)), token).GET());
    }

    HttpResponse<String> call(@Nullable String token, String method, String path) {
        return send(withToken(HttpRequest.newBuilder(uri(path)), token).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> put(@Nullable String token, String path, byte[] body) {
        return send(withToken(HttpRequest.newBuilder(uri(path)), token)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Any method with a text body and the given Content-Type, or none when null. */
    HttpResponse<String> send(@Nullable String token, String method, String path, @Nullable String contentType,
                              String body) {
        HttpRequest.Builder builder = withToken(HttpRequest.newBuilder(uri(path)), token)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        return send(contentType == null ? builder : builder.header("Content-Type", contentType));
    }

    HttpResponse<byte[]> download(@Nullable String token, String path) {
        try {
            return http.send(withToken(HttpRequest.newBuilder(uri(path)), token).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The FTP reply code of a JSON reply. */
    static int code(HttpResponse<String> response) {
        return json(response).get("code").asInt();
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder builder, @Nullable String token) {
        return token == null ? builder : builder.header("X-Auth-Token", token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
