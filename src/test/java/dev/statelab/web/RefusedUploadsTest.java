package dev.statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.statelab.support.BasicHeader;
import dev.statelab.support.TemporaryStorage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An upload the service refuses or cuts is answered and its connection closed at once: the rest of the
 * body is never waited for. Each client here stops sending when it has its answer, as real clients do;
 * a server that still waited for the body would hold a worker thread until the connection timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.ftp.port=-1", "statelab.sockets.tcp-port=-1", "statelab.sockets.udp-port=-1",
        "statelab.users.accounts.ana.password={noop}ana-secret",
        "server.tomcat.connection-timeout=20s",
        "statelab.web.body.min-rate=1KB", "statelab.web.body.grace=1s", "statelab.web.body.max-concurrent=1"})
class RefusedUploadsTest {

    static final Path ROOT = TemporaryStorage.create("statelab-refused-");
    static final Duration AT_ONCE = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", ROOT::toString);
    }

    @Test
    void anUnauthenticatedUploadIsAnsweredAndClosedWithoutWaitingForItsBody() throws Exception {
        assertAnsweredAndClosed(head("/api/http/files/a.bin", "", "application/octet-stream"), 401);
    }

    @Test
    void aCrossSiteUploadIsAnsweredAndClosedWithoutWaitingForItsBody() throws Exception {
        assertAnsweredAndClosed(head("/api/http/files/b.bin", auth() + "Sec-Fetch-Site: cross-site\r\n",
                "application/octet-stream"), 403);
    }

    @Test
    void aFormBodyWhereAFileIsExpectedIsAnsweredAndClosedWithoutWaitingForIt() throws Exception {
        assertAnsweredAndClosed(head("/api/http/files/c.bin", auth(), "application/x-www-form-urlencoded"), 415);
    }

    @Test
    void anUploadOverTheConcurrentBodyLimitIsAnsweredAndClosedWithoutWaitingForItsBody() throws Exception {
        try (Socket holder = new Socket("127.0.0.1", port)) {
            holder.getOutputStream().write(head("/api/http/files/held.bin", auth(), "application/octet-stream"));
            // the holder's body slot is taken once its request reaches the guard; nothing tells the client
            // when, so leave it time even on a loaded machine (if it lost the race the probe would wait 20 s)
            Thread.sleep(1000);
            assertAnsweredAndClosed(head("/api/http/files/d.bin", auth(), "application/octet-stream"), 503);
        }
    }

    @Test
    void aBodyCutForArrivingTooSlowlyIsAnsweredAndClosedAndLeavesNoFile() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write(head("/api/http/files/slow.bin", auth(), "application/octet-stream"));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (answer.size() == 0 && System.nanoTime() < deadline) {
                out.write(new byte[10]);
                out.flush();
                try {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    answer.write(b);
                } catch (SocketTimeoutException notYet) {
                    // keep trickling
                }
            }
            assertThat(answer.size()).as("the slow body was answered").isPositive();
            long start = System.nanoTime();
            String rest = readToClose(socket, answer);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(rest).isLessThan(AT_ONCE);
            assertThat(statusOf(rest)).isBetween(400, 599);
        }
        assertThat(Files.exists(ROOT.resolve("ana/slow.bin"))).as("a cut upload leaves nothing").isFalse();
    }

    @Test
    void anUploadSentWholeKeepsItsConnectionForTheNextRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/http/files/whole.txt HTTP/1.1\r\nHost: x\r\n" + auth()
                    + "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello").getBytes(StandardCharsets.ISO_8859_1));
            out.write(("GET /api/http/files/whole.txt HTTP/1.1\r\nHost: x\r\n" + auth() + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String both = readToClose(socket, new ByteArrayOutputStream());
            assertThat(both).startsWith("HTTP/1.1 20").contains("\r\n\r\nhello");
            assertThat(both.indexOf("HTTP/1.1 200", 12)).as("the second answer on the same connection").isPositive();
        }
    }

    private void assertAnsweredAndClosed(byte[] head, int status) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.getOutputStream().write(head);
            long start = System.nanoTime();
            String response = readToClose(socket, new ByteArrayOutputStream());
            assertThat(statusOf(response)).as(response).isEqualTo(status);
            assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered and closed").isLessThan(AT_ONCE);
        }
    }

    /** Reads until the server closes the connection; the client sends nothing more meanwhile. */
    private static String readToClose(Socket socket, ByteArrayOutputStream into) throws IOException {
        socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            into.write(buffer, 0, n);
        }
        return into.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] head(String path, String headers, String contentType) {
        return ("PUT " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "Content-Type: " + contentType
                + "\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int statusOf(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String auth() {
        return "Authorization: " + BasicHeader.basic("ana", "ana-secret") + "\r\n";
    }
}
