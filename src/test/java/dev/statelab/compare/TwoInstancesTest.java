package dev.statelab.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.statelab.support.BasicHeader;
import dev.statelab.StatelabApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * "A second instance": two statelab processes (here two application contexts) over one storage root.
 * A stateless request works on either; an FTP-style token lives in the memory of the instance that
 * issued it and is refused by the other.
 */
class TwoInstancesTest {

    private static final String AUTH = BasicHeader.basic("eve", "eve-secret-1");

    private final HttpClient client = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext start(Path root) {
        return new SpringApplicationBuilder(StatelabApplication.class).run(
                "--server.port=0",
                "--statelab.storage.root=" + root,
                "--statelab.users.accounts.eve.password={noop}eve-secret-1",
                "--spring.main.banner-mode=off");
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Test
    void statelessCallsWorkOnBothInstancesButAnFtpTokenOnlyWhereIssued(@TempDir Path root) throws Exception {
        try (ConfigurableApplicationContext first = start(root); ConfigurableApplicationContext second = start(root)) {
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(base(first) + "/api/http/files/shared.txt"))
                    .header("Authorization", AUTH).PUT(HttpRequest.BodyPublishers.ofString("written on the first")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(201);
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(base(second) + "/api/http/files/shared.txt"))
                    .header("Authorization", AUTH).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("written on the first");

            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base(first) + "/api/ftp/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"eve\",\"pass\":\"eve-secret-1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(201);
            String token = login.headers().firstValue("X-Auth-Token").orElseThrow();
            assertThat(pwd(base(first), token).statusCode()).isEqualTo(200);
            HttpResponse<String> elsewhere = pwd(base(second), token);
            assertThat(elsewhere.statusCode()).isEqualTo(401);
            assertThat(elsewhere.body()).doesNotContain("Exception");
            assertThat(Files.readString(root.resolve("eve").resolve("shared.txt"))).isEqualTo("written on the first");
        }
    }

    private HttpResponse<String> pwd(String base, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/api/ftp/command"))
                .header("X-Auth-Token", token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("PWD")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
