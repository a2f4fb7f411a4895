package dev.statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.statelab.support.BasicHeader;
import dev.statelab.support.TemporaryStorage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 250 connections trickling PUT bodies at 40 bytes/s, half with valid credentials, half without: more
 * than Tomcat's 200 worker threads on Java 17. Another client's GET keeps its latency, and every
 * trickling upload is answered or cut within seconds instead of holding a worker for as long as it trickles.
 * A trickler stops sending once it has its answer: a server that then still waited for the rest of a
 * refused body would hold a worker per trickler until the connection timeout, and the GET would wait.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.ftp.port=-1", "statelab.sockets.tcp-port=-1", "statelab.sockets.udp-port=-1",
        "statelab.users.accounts.ana.password={noop}ana-secret",
        "server.tomcat.threads.max=200",
        "statelab.web.body.min-rate=1KB", "statelab.web.body.grace=2s", "statelab.web.body.max-concurrent=100"})
class TricklingUploadsTest {

    static final int TRICKLERS = 250;
    static final Path ROOT = TemporaryStorage.create("statelab-trickle-");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", ROOT::toString);
    }

    @Test
    void tricklingUploadsAreCutAndOtherClientsKeepTheirLatency() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/http/files/other.txt"))
                .header("Authorization", basic()).PUT(HttpRequest.BodyPublishers.ofString("another client's file")).build();
        assertThat(client.send(put, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/http/files/other.txt"))
                .header("Authorization", basic()).timeout(Duration.ofSeconds(30)).build();
        assertThat(client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        List<Socket> tricklers = new ArrayList<>();
        try {
            for (int i = 0; i < TRICKLERS; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(1);
                String auth = i % 2 == 0 ? "Authorization: " + basic() + "\r\n" : "";
                socket.getOutputStream().write(("PUT /api/http/files/trickle-" + i + ".bin HTTP/1.1\r\nHost: x\r\n" + auth
                        + "Content-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                tricklers.add(socket);
            }
            byte[] second = new byte[40];
            long worst = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<Socket> alive = new ArrayList<>(tricklers);
            for (int round = 0; !alive.isEmpty() && System.nanoTime() < deadline; round++) {
                alive.removeIf(socket -> !trickle(socket, second));
                if (round < 8) {
                    long start = System.nanoTime();
                    assertThat(client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                    worst = Math.max(worst, System.nanoTime() - start);
                }
                Thread.sleep(1000);
            }
            assertThat(Duration.ofNanos(worst)).as("worst GET latency while trickling").isLessThan(Duration.ofSeconds(2));
            assertThat(alive).as("trickling uploads still held after 30 s").isEmpty();
        } finally {
            for (Socket socket : tricklers) {
                socket.close();
            }
        }
        assertThat(Files.exists(ROOT.resolve("ana/trickle-0.bin"))).as("a cut upload leaves nothing").isFalse();
    }

    /** Sends the next 40 bytes; false once the server answered or closed the connection. */
    private static boolean trickle(Socket socket, byte[] bytes) {
        try {
            InputStream in = socket.getInputStream();
            try {
                in.read();
                return false;
            } catch (SocketTimeoutException stillWaiting) {
                // nothing from the server yet
            }
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static String basic() {
        return BasicHeader.basic("ana", "ana-secret");
    }
}
