package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file far larger than the heap goes up and comes back down through a statelab started in its own
 * JVM with {@code -Xmx256m}: only streaming can pass. Size: {@code -Dstatelab.test.large-size} (bytes).
 */
class LargeTransferTest {

    // 1 GiB: 2 GiB took over a minute on the shared 2-core build machine; bench/http/run.sh moves 2 GiB
    private static final long SIZE = Long.getLong("statelab.test.large-size", 1024L * 1024 * 1024);
    private static final String PASSWORD = "large-secret";

    @TempDir
    Path root;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void aFileLargerThanTheHeapStreamsUpAndDownIntact() throws Exception {
        int port = freePort();
        server = startServer(port);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI file = URI.create("http://127.0.0.1:" + port + "/api/http/files/large.bin");
        String auth = HttpApiTest.basic("large", PASSWORD);

        GeneratedBody body = new GeneratedBody(SIZE);
        HttpResponse<String> upload = client.send(HttpRequest.newBuilder(file).header("Authorization", auth)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), SIZE))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        assertThat(Files.size(root.resolve("large").resolve("large.bin"))).isEqualTo(SIZE);

        HttpResponse<InputStream> download = client.send(HttpRequest.newBuilder(file).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long length = 0;
        try (InputStream in = download.body()) {
            byte[] buffer = new byte[1 << 20];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                received.update(buffer, 0, read);
                length += read;
            }
        }
        assertThat(length).isEqualTo(SIZE);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(body.digest());
        long peakRssMiB = peakRssMiB(server.pid());
        assertThat(peakRssMiB).as("peak RSS of the server, MiB").isLessThan(1024);
    }

    private Process startServer(int port) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-cp", mainClassPath(), "dev.statelab.StatelabApplication",
                "--server.port=" + port, "--statelab.storage.root=" + root,
                "--statelab.users.accounts.large.password={noop}" + PASSWORD,
                "--statelab.ftp.port=-1", "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        File log = new File("target/large-transfer-server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> health = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("statelab did not start; see " + log.getAbsolutePath());
    }

    /** The application's class path, without the test classes (their configurations are not the application's). */
    private static String mainClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').replaceAll("/$", "").endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static long peakRssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code size} pseudo-random bytes made on the fly, with the SHA-256 of what was read. */
    private static final class GeneratedBody extends InputStream {

        private final byte[] block = new byte[1 << 20];
        private final MessageDigest digest;
        private final long size;
        private long position;

        GeneratedBody(long size) throws Exception {
            this.size = size;
            this.digest = MessageDigest.getInstance("SHA-256");
            new Random(7).nextBytes(block);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int start = (int) (position % block.length);
            int count = (int) Math.min(Math.min(length, block.length - start), size - position);
            if (start == 0) {
                block[0]++; // every block differs from the one before
            }
            System.arraycopy(block, start, buffer, offset, count);
            digest.update(buffer, offset, count);
            position += count;
            return count;
        }

        String digest() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
