package dev.statelab.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every limit of the lab, reached on purpose. Linux answers on all of 127.0.0.0/8, so a client bound to
 * 127.0.0.2 or 127.0.0.3 is another address for the per-address limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.sockets.max-connections=3",
        "statelab.sockets.max-connections-per-address=2",
        "statelab.sockets.idle-timeout=700ms",
        "statelab.sockets.max-bytes-per-connection=200B",
        "statelab.sockets.max-line-length=50B",
        "statelab.sockets.udp.datagrams-per-second=5",
        "statelab.sockets.udp.datagram-burst=5",
        "statelab.sockets.udp.max-held=3",
        "statelab.sockets.udp.recent-peers=2",
        "statelab.sockets.burst.max-messages=20"})
class SocketsLimitsTest extends SocketsTestBase {

    @Test
    void connectionsArePerAddressAndInTotalLimitedAndTheRefusedOneIsToldWhy() throws Exception {
        InetAddress second = InetAddress.getByName("127.0.0.2");
        InetAddress third = InetAddress.getByName("127.0.0.3");
        try (Socket a = connect(); Socket b = connect()) {
            assertThat(readGreeting(a)).isEqualTo("Hello, Client");
            assertThat(readGreeting(b)).isEqualTo("Hello, Client");
            try (Socket c = connect()) {
                assertThat(readToEnd(c)).isEqualTo("Too many connections from your address, try again later\n");
            }
            try (Socket d = connectFrom(second)) {
                assertThat(readGreeting(d)).isEqualTo("Hello, Client");
                try (Socket e = connectFrom(third)) {
                    assertThat(readToEnd(e)).isEqualTo("Too many connections, try again later\n");
                }
            }
        }
        // the slots come back once the connections are gone
        awaitOpenConnections(0);
        try (Socket again = connect()) {
            assertThat(readGreeting(again)).isEqualTo("Hello, Client");
        }
    }

    @Test
    void anIdleConnectionIsToldAndClosedAndLeavesTheTable() throws Exception {
        try (Socket socket = connectFrom(InetAddress.getByName("127.0.0.4"))) {
            long start = System.nanoTime();
            assertThat(readToEnd(socket)).isEqualTo("Hello, ClientIdle for 700 ms, closing\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(600), Duration.ofSeconds(4));
        }
        awaitOpenConnections(0);
    }

    @Test
    void aConnectionThatSendsTooManyBytesIsClosedAfterItsEchoes() throws Exception {
        try (Socket socket = connectFrom(InetAddress.getByName("127.0.0.5"))) {
            OutputStream out = socket.getOutputStream();
            String line = "x".repeat(39) + "\n";
            for (int i = 0; i < 6; i++) {
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(20);
            }
            String all = readToEnd(socket);
            assertThat(all).startsWith("Hello, Client" + line.repeat(5))
                    .endsWith("This connection sent more than 200 bytes, closing\n");
        }
    }

    @Test
    void aLineLongerThanTheLimitClosesTheConnectionAndALineAtTheLimitIsEchoed() throws Exception {
        try (Socket socket = connectFrom(InetAddress.getByName("127.0.0.6"))) {
            OutputStream out = socket.getOutputStream();
            out.write(("y".repeat(50) + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            char[] greeting = new char[13];
            assertThat(lines.read(greeting)).isEqualTo(13);
            assertThat(lines.readLine()).isEqualTo("y".repeat(50));
            out.write("z".repeat(51).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(lines.readLine()).isEqualTo("A line is longer than 50 bytes, closing");
            assertThat(lines.readLine()).isNull();
        }
    }

    @Test
    void datagramsBeyondTheRatePerAddressAreDropped() throws Exception {
        try (DatagramSocket socket = udpClientFrom(InetAddress.getByName("127.0.0.7"))) {
            List<String> sent = IntStream.rangeClosed(1, 30).mapToObj(i -> "r" + i).toList();
            // dropped datagrams never come late, so a long quiet window only waits out a busy machine's scheduling
            List<String> echoes = exchange(socket, sent, 1000);
            // the burst of 5, plus at most what 5 per second refill during the sending
            assertThat(echoes).hasSizeBetween(5, 8).startsWith("r1", "r2", "r3", "r4", "r5");
        }
    }

    @Test
    void echoesWaitingForTheirDelayAreBounded() throws Exception {
        try (DatagramSocket socket = udpClientFrom(InetAddress.getByName("127.0.0.8"))) {
            List<String> sent = IntStream.rangeClosed(1, 5).mapToObj(i -> "!sim delay=1000ms|d" + i).toList();
            assertThat(exchange(socket, sent, 1800)).hasSizeBetween(1, 3).startsWith("d1");
        }
    }

    @Test
    void theListOfRecentUdpSendersIsBounded() throws Exception {
        for (int i = 0; i < 4; i++) {
            try (DatagramSocket socket = udpClientFrom(InetAddress.getByName("127.0.1." + (i + 1)))) {
                assertThat(exchange(socket, List.of("peer " + i), 1000)).containsExactly("peer " + i);
            }
        }
        udpPeersCleanUp();
        assertThat(udp.peers()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aBurstLargerThanTheLimitIsRefused() throws Exception {
        var response = post("/api/sockets/burst", "application/json", "{\"count\":21}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("from 1 to 20");
    }

    @Test
    void aStoppedLabStartsAgainAndServesAsBefore() throws Exception {
        // the test framework pauses a cached context between classes in just this way
        tcp.stop();
        udp.stop();
        assertThat(tcp.isRunning()).isFalse();
        tcp.start();
        udp.start();
        try (Socket socket = connectFrom(InetAddress.getByName("127.0.0.9"));
             DatagramSocket datagrams = udpClientFrom(InetAddress.getByName("127.0.0.9"))) {
            assertThat(readGreeting(socket)).isEqualTo("Hello, Client");
            // a generous wait: the receive thread of the restarted lab may not be scheduled at once on a busy machine
            assertThat(exchange(datagrams, List.of("again"), 3000)).containsExactly("again");
        }
    }

    private void udpPeersCleanUp() {
        udp.cleanUp();
    }

    private void awaitOpenConnections(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tcp.connections().size() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(tcp.connections()).hasSize(expected);
    }
}
