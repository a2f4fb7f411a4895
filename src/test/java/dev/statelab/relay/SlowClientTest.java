package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

/**
 * A client that stops reading must not delay anyone else: its socket buffers fill, its outbox reaches
 * the limit, and it is dropped while 50 other members keep getting every message promptly. (The test
 * context's pong timeout is long, so the heartbeat cannot be what drops it.)
 */
class SlowClientTest extends RelayTestBase {

    private static final int MESSAGES = 100;
    private static final int RECEIVERS = 50;

    @Test
    void aClientThatStopsReadingIsDroppedWhileFiftyOthersGetEveryMessageInTime() throws Exception {
        List<ChatClient> receivers = new ArrayList<>();
        try (Socket stuck = stuckClient("slow", "stuck"); ChatClient sender = ChatClient.connect(port)) {
            for (int i = 0; i < RECEIVERS; i++) {
                ChatClient receiver = ChatClient.connect(port);
                receivers.add(receiver);
                receiver.join("slow", "r" + i);
            }
            sender.join("slow", "sender");

            // each message waits until every healthy member has it, so only the stuck client falls behind
            String big = "y".repeat(56 * 1024);
            long worstMillis = 0;
            for (int i = 1; i <= MESSAGES; i++) {
                long sentAt = System.nanoTime();
                sender.send("{\"type\":\"send\",\"text\":\"" + i + " " + big + "\"}");
                String prefix = i + " ";
                for (ChatClient receiver : receivers) {
                    ChatClient.Received got = receiver.nextReceived(m -> m.path("type").asString().equals("message")
                            && m.path("text").asString().startsWith(prefix), Duration.ofSeconds(20));
                    worstMillis = Math.max(worstMillis, (got.nanos() - sentAt) / 1_000_000);
                }
            }
            System.out.println("worst delivery delay: " + worstMillis + " ms");
            // a fan-out stalled behind the stuck socket would wait out the 3 s send-time limit
            assertThat(worstMillis).as("worst delivery delay in ms").isLessThan(2500);

            ChatClient witness = receivers.get(0);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!stuckLeft(witness) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(stuckLeft(witness)).as("the stuck client was dropped from the room").isTrue();
        } finally {
            receivers.forEach(ChatClient::close);
        }
    }

    private static boolean stuckLeft(ChatClient witness) {
        synchronized (witness.all) {
            return witness.all.stream().anyMatch(p -> p.path("type").asString().equals("presence")
                    && p.path("event").asString().equals("leave") && p.path("nick").asString().equals("stuck"));
        }
    }

    /** A raw socket that does the handshake, joins, and then never reads again. */
    private Socket stuckClient(String room, String nick) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        OutputStream out = socket.getOutputStream();
        byte[] keyBytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(keyBytes);
        out.write(("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(keyBytes) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("handshake cut off: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        out.write(maskedText("{\"type\":\"join\",\"room\":\"" + room + "\",\"nick\":\"" + nick + "\"}"));
        out.flush();
        return socket;
    }

    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81; // FIN + text
        frame[1] = (byte) (0x80 | payload.length); // masked; short payload only
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
