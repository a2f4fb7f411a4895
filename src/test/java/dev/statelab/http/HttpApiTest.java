package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The common ground of the stateless API's tests: one application on a random port (one shared test
 * context for every subclass), two accounts, an 8 MB upload limit, and checks that hold for every
 * response: no cookie, no session token header, and (through {@link NoSessionGuard}) no session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(NoSessionGuard.class)
abstract class HttpApiTest {

    static final String ADMIN = "ana";
    static final String ADMIN_PASSWORD = "ana-secret";
    static final String USER = "bo";
    static final String USER_PASSWORD = "bo-secret";
    static final long MAX_UPLOAD = 8L * 1024 * 1024;

    /** One folder for the one shared context; each test works in a folder of its own inside the homes. */
    static final Path ROOT = createRoot();

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", ROOT::toString);
        registry.add("statelab.storage.max-upload-size", () -> MAX_UPLOAD + "B");
        registry.add("statelab.users.accounts." + ADMIN + ".password", () -> "{noop}" + ADMIN_PASSWORD);
        registry.add("statelab.users.accounts." + ADMIN + ".role", () -> "ADMIN");
        registry.add("statelab.users.accounts." + USER + ".password", () -> "{noop}" + USER_PASSWORD);
    }

    @AfterEach
    void nothingWasKeptBetweenRequests() {
        assertThat(NoSessionGuard.VIOLATIONS).isEmpty();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    URI files(String path) {
        return uri("/api/http/files/" + path);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder as(String user, String password, URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", basic(user, password));
    }

    HttpRequest.Builder asUser(URI uri) {
        return as(USER, USER_PASSWORD, uri);
    }

    HttpResponse<String> send(HttpRequest request) {
        return checked(sendWith(request, HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        return checked(sendWith(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    private <T> HttpResponse<T> sendWith(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every response of the stateless API: no cookie, no session token. */
    static <T> HttpResponse<T> checked(HttpResponse<T> response) {
        assertThat(response.headers().allValues("Set-Cookie")).as("Set-Cookie on " + response.uri()).isEmpty();
        assertThat(response.headers().firstValue("X-Auth-Token")).as("session token on " + response.uri()).isEmpty();
        return response;
    }

    /** A problem body with this status that names no server path and shows no stack trace. */
    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .contains("\"status\":" + status)
                .contains("\"type\":\"urn:statelab:problem:")
                .doesNotContain(ROOT.toString())
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    HttpResponse<String> put(String path, String content) {
        return send(asUser(files(path)).PUT(HttpRequest.BodyPublishers.ofString(content)).build());
    }

    HttpResponse<String> get(String path) {
        return send(asUser(files(path)).GET().build());
    }

    HttpResponse<String> post(String pathAndQuery) {
        return send(asUser(uri("/api/http/files/" + pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A fresh, empty folder in bo's home for one test. */
    String folder(String name) {
        FileSystemUtils.deleteRecursively(ROOT.resolve(USER).resolve(name).toFile());
        assertThat(post(name + "?action=mkdir").statusCode()).isEqualTo(201);
        return name;
    }

    Path onDisk(String path) {
        return ROOT.resolve(USER).resolve(path);
    }

    private static Path createRoot() {
        try {
            Path root = Files.createTempDirectory("statelab-http-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(root.toFile())));
            return root;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
