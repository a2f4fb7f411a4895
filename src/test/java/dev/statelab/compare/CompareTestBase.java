package dev.statelab.compare;

import static dev.statelab.support.BasicHeader.basic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.statelab.support.TemporaryStorage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application the comparison tests share (page and API tests inherit it, so Spring starts it
 * once): an admin and a plain user with {@code {noop}} passwords, files in a temporary folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CompareTestBase {

    static final String ADMIN = "ada";
    static final String ADMIN_PASSWORD = "ada-secret-1";
    static final String USER = "bob";
    static final String USER_PASSWORD = "bob-secret-1";

    /** Shared by every class on this context (a per-class @TempDir would vanish under a cached context). */
    static final Path ROOT = TemporaryStorage.create("statelab-compare-");

    @LocalServerPort
    int port;

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", ROOT::toString);
        registry.add("statelab.users.accounts." + ADMIN + ".password", () -> "{noop}" + ADMIN_PASSWORD);
        registry.add("statelab.users.accounts." + ADMIN + ".role", () -> "ADMIN");
        registry.add("statelab.users.accounts." + USER + ".password", () -> "{noop}" + USER_PASSWORD);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
