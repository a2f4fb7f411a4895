package dev.statelab.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The lab's TCP and UDP ports from outside, through real sockets, and its HTTP face. */
class SocketsLabTest extends SocketsLabContext {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theCoursePythonClientPrintsHelloClient(@TempDir Path folder) throws Exception {
        Path client = folder.resolve("client.py");
        Files.writeString(client, """
                import socket
                clientSocket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                clientSocket.connect(("127.0.0.1", %d)); clientSocket.send("Hello, Server".encode())
                print(clientSocket.recv(100)); clientSocket.close()
                """.formatted(tcp.port()));
        Process python = new ProcessBuilder("python3", client.toString()).redirectErrorStream(true).start();
        assertThat(python.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).isEqualTo("b'Hello, Client'\n");
        assertThat(python.exitValue()).isZero();
    }

    @Test
    void aLineWithoutItsEndIsNeverEchoedSoTheGreetingArrivesAlone() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("Hello, Server".getBytes(StandardCharsets.UTF_8));
            assertThat(readGreeting(socket)).isEqualTo("Hello, Client");
            socket.setSoTimeout(400);
            try {
                int next = socket.getInputStream().read();
                throw new AssertionError("the server sent more: " + next);
            } catch (SocketTimeoutException expected) {
                // nothing else: the half line waits for its \n
            }
            socket.getOutputStream().write(" and more\n".getBytes(StandardCharsets.UTF_8));
            socket.setSoTimeout(5000);
            BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("Hello, Server and more");
        }
    }

    @Test
    void tcpEchoesManyLinesBackInOrderAsTheyCame() throws Exception {
        int count = 20_000;
        try (Socket socket = connect()) {
            assertThat(readGreeting(socket)).isEqualTo("Hello, Client");
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream());
                    for (int i = 0; i < count; i++) {
                        out.write(("line " + i + " é ✓\n").getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < count; i++) {
                assertThat(lines.readLine()).isEqualTo("line " + i + " é ✓");
            }
            writer.join();
        }
    }

    @Test
    void udpEchoesEveryDatagramWhenImpairmentIsOff() throws Exception {
        try (DatagramSocket socket = udpClient()) {
            List<String> sent = IntStream.rangeClosed(1, 300).mapToObj(i -> "datagram " + i).toList();
            assertThat(exchange(socket, sent, 700)).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void simulatedLossStaysWithinBoundsAndRepeatsExactlyWithTheSameSeed() throws Exception {
        List<String> first = lossRun();
        List<String> second = lossRun();
        assertThat(first).hasSizeBetween(300 - 130, 300 - 50).isEqualTo(second);
        assertThat(first).allSatisfy(echo -> assertThat(echo).startsWith("n ").doesNotContain("!sim"));
    }

    private List<String> lossRun() throws Exception {
        try (DatagramSocket socket = udpClient()) {
            return exchange(socket, IntStream.rangeClosed(1, 300).mapToObj(i -> "!sim loss=0.3|n " + i).toList(), 700);
        }
    }

    @Test
    void everyDatagramHeldBackGoesOutBehindTheNextOne() throws Exception {
        try (DatagramSocket socket = udpClient()) {
            for (int i = 1; i <= 6; i++) {
                sendDatagram(socket, "!sim reorder=1|" + i);
            }
            assertThat(receiveAll(socket, 500)).containsExactly("2", "1", "4", "3", "6", "5");
        }
    }

    @Test
    void simulatedReorderLosesNothingAndRepeatsWithTheSameSeed() throws Exception {
        List<String> first = reorderRun();
        assertThat(first).hasSize(200).isNotEqualTo(sortedNumbers(200)).isEqualTo(reorderRun());
        assertThat(new HashSet<>(first)).containsExactlyInAnyOrderElementsOf(sortedNumbers(200));
    }

    private List<String> reorderRun() throws Exception {
        try (DatagramSocket socket = udpClient()) {
            // a last held echo waits for the reorder hold (3 s here) when nothing follows it
            return exchange(socket, IntStream.rangeClosed(1, 200).mapToObj(i -> "!sim reorder=0.2 loss=0|" + i).toList(), 3500);
        }
    }

    private static List<String> sortedNumbers(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(String::valueOf).toList();
    }

    @Test
    void simulatedDelayIsAddedToEveryEcho() throws Exception {
        try (DatagramSocket socket = udpClient()) {
            long start = System.nanoTime();
            sendDatagram(socket, "!sim delay=300ms|late");
            assertThat(receiveAll(socket, 1500)).containsExactly("late");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void aBadPrefixIsAnsweredWithAReasonNoLargerThanTheDatagram() throws Exception {
        try (DatagramSocket socket = udpClient()) {
            String bad = "!sim loss=2|a payload long enough for the whole reason to fit";
            sendDatagram(socket, bad);
            List<String> reply = receiveAll(socket, 500);
            assertThat(reply).singleElement().asString().startsWith("!sim error: loss must be a number from 0 to 1");
            assertThat(reply.get(0).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(bad.length());

            String small = "!sim loss=2|x";
            sendDatagram(socket, small);
            assertThat(receiveAll(socket, 500)).singleElement().asString().startsWith("!sim error: ").hasSize(small.length());

            sendDatagram(socket, "!sim");
            assertThat(receiveAll(socket, 500)).singleElement().asString().hasSizeLessThanOrEqualTo(4).startsWith("!sim");
        }
    }

    @Test
    void theTableShowsTheTestsOwnTcpSocketWithBothEndsAndItsUdpSender() throws Exception {
        try (Socket socket = connect(); DatagramSocket datagrams = udpClient()) {
            assertThat(readGreeting(socket)).isEqualTo("Hello, Client");
            socket.getOutputStream().write("one line\n".getBytes(StandardCharsets.UTF_8));
            new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            sendDatagram(datagrams, "hello udp");
            receiveAll(datagrams, 300);

            HttpResponse<String> response = get("/api/sockets", true);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            String remote = "127.0.0.1:" + socket.getLocalPort();
            JsonNode mine = find(body.get("tcp"), remote);
            assertThat(mine).as("own connection in %s", body).isNotNull();
            assertThat(mine.get("local").asString()).isEqualTo("127.0.0.1:" + tcp.port());
            assertThat(mine.get("bytesIn").asLong()).isEqualTo(9);
            assertThat(mine.get("bytesOut").asLong()).isEqualTo(13 + 9);
            assertThat(mine.get("since").asString()).isNotBlank();
            JsonNode sender = find(body.get("udp"), "127.0.0.1:" + datagrams.getLocalPort());
            assertThat(sender).isNotNull();
            assertThat(sender.get("datagramsIn").asLong()).isEqualTo(1);
            assertThat(sender.get("datagramsOut").asLong()).isEqualTo(1);
            assertThat(body.get("udpImpairment").get("simulated").asBoolean()).isTrue();
            assertThat(body.get("threads").asString()).isEqualTo(Runtime.version().feature() >= 21 ? "virtual" : "platform");
        }
    }

    private static JsonNode find(JsonNode list, String remote) {
        for (JsonNode entry : list) {
            if (entry.get("remote").asString().equals(remote)) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void theTableNeedsCredentials() throws Exception {
        HttpResponse<String> response = get("/api/sockets", false);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }

    @Test
    void aBurstCountsEverythingBackWithoutImpairmentAndLossesOnlyOnUdpWithIt() throws Exception {
        JsonNode clean = JSON.readTree(post("/api/sockets/burst", "application/json", "{\"count\":80}").body());
        assertThat(clean.get("tcp").get("delivered").asInt()).isEqualTo(80);
        assertThat(clean.get("udp").get("delivered").asInt()).isEqualTo(80);
        assertThat(clean.get("udp").get("lost").asInt()).isZero();

        HttpResponse<String> response = post("/api/sockets/burst", "application/json",
                "{\"count\":200,\"loss\":0.3,\"reorder\":0.1,\"delayMs\":20}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode lossy = JSON.readTree(response.body());
        assertThat(lossy.get("tcp").get("lost").asInt()).isZero();
        assertThat(lossy.get("tcp").get("outOfOrder").asInt()).isZero();
        JsonNode udpOutcome = lossy.get("udp");
        assertThat(udpOutcome.get("lost").asInt()).isBetween(25, 100);
        assertThat(udpOutcome.get("delivered").asInt() + udpOutcome.get("lost").asInt()).isEqualTo(200);
        assertThat(udpOutcome.get("outOfOrder").asInt()).isPositive();
        assertThat(udpOutcome.get("minMs").asDouble()).isGreaterThanOrEqualTo(20);
        assertThat(lossy.get("impairment").get("simulated").asBoolean()).isTrue();
        assertThat(lossy.get("impairment").get("loss").asDouble()).isEqualTo(0.3);
    }

    @Test
    void aBurstOutOfRangeOrNotJsonIsRefusedWithAProblem() throws Exception {
        HttpResponse<String> zero = post("/api/sockets/burst", "application/json", "{\"count\":0}");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("burst-count").doesNotContain("Exception").doesNotContain("at dev.");
        HttpResponse<String> loss = post("/api/sockets/burst", "application/json", "{\"count\":5,\"loss\":1.5}");
        assertThat(loss.statusCode()).isEqualTo(400);
        assertThat(loss.body()).contains("burst-impairment");
        HttpResponse<String> form = post("/api/sockets/burst", "application/x-www-form-urlencoded", "count=5");
        assertThat(form.statusCode()).isEqualTo(415);
    }

    @Test
    void metricsCountConnectionsAndDatagramsUnderPlainNames() throws Exception {
        try (Socket socket = connect(); DatagramSocket datagrams = udpClient()) {
            readGreeting(socket);
            sendDatagram(datagrams, "count me");
            receiveAll(datagrams, 300);
            Set<String> names = new HashSet<>();
            registry.getMeters().forEach(meter -> names.add(meter.getId().getName()));
            assertThat(names).contains("statelab.sockets.tcp.connections", "statelab.sockets.udp.datagrams",
                    "statelab.sockets.udp.peers");
            assertThat(registry.get("statelab.sockets.tcp.connections").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(registry.get("statelab.sockets.udp.datagrams").tag("outcome", "echoed").counter().count()).isPositive();
            assertThat(registry.get("statelab.bytes").tag("api", "sockets-tcp").tag("direction", "out").counter().count())
                    .isGreaterThanOrEqualTo(13);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

}
