package dev.statelab.sockets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.statelab.support.BasicHeader;
import dev.statelab.support.TemporaryStorage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What the sockets tests share: the ports of the running lab, a Basic account, and small socket helpers. */
abstract class SocketsTestBase {

    static final String USER = "alice";
    static final String PASSWORD = "secret";
    private static final Path STORAGE = TemporaryStorage.create("statelab-sockets-test-");

    @LocalServerPort
    int httpPort;

    @Autowired
    TcpEchoServer tcp;

    @Autowired
    UdpEchoServer udp;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", STORAGE::toString);
        registry.add("statelab.users.accounts." + USER + ".password", () -> "{noop}" + PASSWORD);
    }

    Socket connect() throws IOException {
        return connectFrom(InetAddress.getLoopbackAddress());
    }

    Socket connectFrom(InetAddress local) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.port()), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    static String readGreeting(Socket socket) throws IOException {
        return new String(socket.getInputStream().readNBytes(TcpConnection.GREETING.length), StandardCharsets.UTF_8);
    }

    /** Everything the server sends until it closes the connection. */
    static String readToEnd(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a close with unread data may arrive as a reset
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    DatagramSocket udpClient() throws IOException {
        return udpClientFrom(InetAddress.getLoopbackAddress());
    }

    DatagramSocket udpClientFrom(InetAddress local) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0));
        socket.setSoTimeout(300);
        socket.setReceiveBufferSize(1 << 20);
        return socket;
    }

    void sendDatagram(DatagramSocket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), udp.port()));
    }

    /**
     * Sends the datagrams while a second thread already receives, as a real client must: echoes left
     * unread pile up in the socket's receive buffer (about 200 KiB), and beyond it the kernel drops them.
     */
    List<String> exchange(DatagramSocket socket, List<String> datagrams, int quietMillis) throws Exception {
        java.util.concurrent.CompletableFuture<List<String>> echoes = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return receiveAll(socket, quietMillis);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, runnable -> new Thread(runnable, "test-udp-receive").start());
        Thread.sleep(50);
        int sent = 0;
        for (String datagram : datagrams) {
            sendDatagram(socket, datagram);
            if (++sent % 16 == 0) {
                Thread.sleep(1);
            }
        }
        return echoes.get();
    }

    /** Echoes until none came for {@code quietMillis}. */
    static List<String> receiveAll(DatagramSocket socket, int quietMillis) throws IOException {
        socket.setSoTimeout(quietMillis);
        List<String> echoes = new ArrayList<>();
        byte[] buffer = new byte[65535];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException quiet) {
                return echoes;
            }
            echoes.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
    }

    HttpResponse<String> get(String path, boolean withCredentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (withCredentials) {
            request.header("Authorization", basic());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic())
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    static String basic() {
        return BasicHeader.basic(USER, PASSWORD);
    }
}
