package dev.statelab.web;

import static dev.statelab.support.BasicHeader.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.statelab.support.TemporaryStorage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Unsafe requests a browser marks as coming from another site are refused on a real port, before any
 * password is checked and without changing anything; same-origin pages and non-browser clients pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.ftp.port=-1", "statelab.sockets.tcp-port=-1", "statelab.sockets.udp-port=-1",
        "statelab.users.accounts.ana.password={noop}ana-secret", "statelab.users.accounts.ana.role=ADMIN",
        "statelab.cross-origin.trusted-origins=https://front.example"})
class CrossOriginProtectionTest {

    static final Path ROOT = TemporaryStorage.create("statelab-cross-origin-");

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", ROOT::toString);
    }

    @Test
    void crossSiteFormPostIsRefusedWith403AndMakesNoFolder() throws Exception {
        HttpResponse<String> response = send(post("/api/http/files/csrf-form?action=mkdir")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")));
        assertRefused(response);
        assertThat(Files.exists(ROOT.resolve("ana/csrf-form"))).isFalse();
    }

    @Test
    void crossSiteFetchPutIsRefusedWhateverTheContentTypeAndWritesNothing() throws Exception {
        for (String type : new String[] {"text/plain", "application/octet-stream", "multipart/form-data; boundary=x"}) {
            HttpResponse<String> response = send(post("/api/http/files/csrf-put.txt")
                    .header("Content-Type", type).header("Sec-Fetch-Site", "cross-site")
                    .PUT(HttpRequest.BodyPublishers.ofString("forged")));
            assertRefused(response);
        }
        assertThat(Files.exists(ROOT.resolve("ana/csrf-put.txt"))).isFalse();
    }

    @Test
    void sameSiteButOtherOriginIsRefusedToo() throws Exception {
        assertRefused(send(post("/api/http/files/csrf-same-site?action=mkdir").header("Sec-Fetch-Site", "same-site")
                .POST(HttpRequest.BodyPublishers.noBody())));
        assertThat(Files.exists(ROOT.resolve("ana/csrf-same-site"))).isFalse();
    }

    @Test
    void anOlderBrowserSendingOnlyAForeignOriginIsRefused() throws Exception {
        assertRefused(send(post("/api/http/files/csrf-old?action=mkdir").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody())));
        assertRefused(send(post("/api/http/files/csrf-old?action=mkdir").header("Origin", "null")
                .DELETE()));
        assertThat(Files.exists(ROOT.resolve("ana/csrf-old"))).isFalse();
    }

    @Test
    void refusalComesBeforeThePasswordCheck() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/http/files/x?action=mkdir"))
                .header("Authorization", basic("ana", "wrong")).header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertRefused(response);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void everyApiRefusesCrossSiteChanges() throws Exception {
        assertRefused(send(HttpRequest.newBuilder(uri("/api/ftp/session")).header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"ana\",\"pass\":\"ana-secret\"}"))));
        assertRefused(send(post("/api/http/token").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody())));
        assertRefused(send(post("/api/relay/ticket").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody())));
        assertRefused(send(post("/api/compare/runs").header("Sec-Fetch-Site", "cross-site")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))));
    }

    @Test
    void sameOriginPagesAndTypedRequestsAreAccepted() throws Exception {
        assertThat(send(post("/api/http/files/same-origin?action=mkdir").header("Sec-Fetch-Site", "same-origin")
                .header("Origin", "http://127.0.0.1:" + port).POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(201);
        assertThat(send(post("/api/http/files/typed?action=mkdir").header("Sec-Fetch-Site", "none")
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(201);
        assertThat(send(post("/api/http/files/own-origin?action=mkdir").header("Origin", "http://127.0.0.1:" + port)
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(201);
        assertThat(Files.isDirectory(ROOT.resolve("ana/same-origin"))).isTrue();
    }

    @Test
    void clientsWithoutBrowserHeadersKeepWorking() throws Exception {
        HttpResponse<String> put = send(post("/api/http/files/curl.txt").header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofString("from a script")));
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(Files.readString(ROOT.resolve("ana/curl.txt"))).isEqualTo("from a script");
    }

    @Test
    void aTrustedOriginMayChangeThings() throws Exception {
        assertThat(send(post("/api/http/files/trusted?action=mkdir").header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "https://front.example").POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(201);
    }

    @Test
    void safeMethodsFromOtherSitesPass() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/http/files/")).header("Authorization", basic("ana", "ana-secret"))
                .header("Sec-Fetch-Site", "cross-site").GET()).statusCode()).isEqualTo(200);
    }

    private void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("urn:statelab:problem:cross-origin-request");
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic("ana", "ana-secret"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
