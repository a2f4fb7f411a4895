package dev.statelab.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A servlet container reads {@code ;} in a URL path as the start of path parameters, so a name with
 * {@code ;} could never be read or deleted over HTTP. Creation and access agree: no API creates such a
 * name, and one planted on the disk is not listed.
 */
class SemicolonNamesTest {

    @TempDir
    static Path root;

    private static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createDirectories(root.resolve(RunningService.USER));
        Files.writeString(home.resolve("plain.txt"), "plain");
        Files.writeString(home.resolve("planted;x.txt"), "made on the server's disk");
        service = RunningService.inProcess(root);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void theHttpApiCreatesNoNameWithASemicolon() throws Exception {
        HttpResponse<String> copy = service.send(service.files("/plain.txt?action=copy&to=/copy%3Bx.txt")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertRefused(copy);
        assertThat(copy.body()).contains("';' is not allowed in a name");
        // in the URL path the firewall refuses an encoded ';' before the store sees it: the same 400
        assertRefused(service.send(service.files("/plain.txt?action=move&to=/moved%3Bx.txt")
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
        assertRefused(service.send(service.files("/made%3Bx?action=mkdir").POST(HttpRequest.BodyPublishers.noBody()).build()));
        assertRefused(service.send(service.files("/put%3Bx.txt").PUT(HttpRequest.BodyPublishers.ofString("x")).build()));
        assertThat(names()).containsExactlyInAnyOrder("plain.txt", "planted;x.txt");
    }

    @Test
    void theFtpStyleApiCreatesNoNameWithASemicolon() throws Exception {
        String token = service.ftpToken();
        HttpResponse<String> stor = service.send(HttpRequest.newBuilder(service.uri("/api/ftp/stor?path=stored%3Bx.txt"))
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(stor.statusCode()).as(stor.body()).isEqualTo(400);
        assertThat(stor.body()).contains("\"code\":553").contains("';' is not allowed in a name");
        HttpResponse<String> rename = service.send(HttpRequest.newBuilder(service.uri("/api/ftp/command"))
                .header("X-Auth-Token", token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("MKD made;x")).build());
        assertThat(rename.body()).contains("\"code\":553");
        assertThat(names()).containsExactlyInAnyOrder("plain.txt", "planted;x.txt");
    }

    @Test
    void aNameWithASemicolonPlantedOnDiskIsNotListed() throws Exception {
        HttpResponse<String> listing = service.send(service.files("/").GET().build());
        assertThat(listing.statusCode()).isEqualTo(200);
        assertThat(listing.body()).contains("\"plain.txt\"").doesNotContain("planted");
        assertRefused(service.send(service.files("/planted%3Bx.txt").GET().build()));
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("urn:statelab:problem:invalid-path");
    }

    private static Stream<String> namesOnDisk() throws Exception {
        return Files.list(root.resolve(RunningService.USER)).map(p -> p.getFileName().toString());
    }

    private static java.util.List<String> names() throws Exception {
        try (Stream<String> names = namesOnDisk()) {
            return names.toList();
        }
    }
}
