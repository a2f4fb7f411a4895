package dev.statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.statelab.support.BasicHeader;
import dev.statelab.support.TemporaryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Requests broken on the wire get a problem body, never Tomcat's HTML page, and at most a line of log. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.ftp.port=-1", "statelab.sockets.tcp-port=-1", "statelab.sockets.udp-port=-1",
        "statelab.users.accounts.ana.password={noop}ana-secret"})
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestsTest {

    static final Path ROOT = TemporaryStorage.create("statelab-malformed-");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", ROOT::toString);
    }

    @Test
    void badPercentEncodingInThePathIsAProblemBody() throws Exception {
        for (String target : new String[] {"/api/http/files/%zz", "/api/http/files/%ff%fe", "/api/http/files/%c0%ae%c0%ae",
                "/%zz", "/api/ftp/%e0%80%af"}) {
            String response = exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic()
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(statusOf(response)).as(target).isEqualTo(400);
            assertProblem(response, target);
        }
    }

    @Test
    void badPercentEncodingInTheQueryIsAClientErrorLoggedInOneLineAtMost(CapturedOutput output) throws Exception {
        // the first request initialises the dispatcher, which logs; take that before counting
        exchange("GET /api/http/files/ HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic() + "\r\nConnection: close\r\n\r\n");
        int before = output.getAll().length();
        String response = exchange("POST /api/http/files/a.txt?action=move&to=%ff HTTP/1.1\r\nHost: x\r\nAuthorization: "
                + basic() + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(statusOf(response)).isBetween(400, 499);
        assertProblem(response, "?to=%ff");
        String logged = output.getAll().substring(before);
        assertThat(logged.lines().filter(line -> !line.isBlank()).count()).as(logged).isLessThanOrEqualTo(1);
        assertThat(logged).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void theErrorPathAskedForByItselfIsNotA500() throws Exception {
        String response = exchange("GET /error HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(statusOf(response)).isEqualTo(404);
        assertProblem(response, "/error");
    }

    private static void assertProblem(String response, String what) {
        assertThat(response).as(what).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).as(what).contains("\"type\":\"urn:statelab:problem:").doesNotContain("<html")
                .doesNotContain("Exception").doesNotContain(ROOT.toString());
    }

    private static int statusOf(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(received);
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    private static String basic() {
        return BasicHeader.basic("ana", "ana-secret");
    }
}
