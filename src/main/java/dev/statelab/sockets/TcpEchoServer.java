package dev.statelab.sockets;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.statelab.threads.ConnectionThreads;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The lab's TCP port: an accept loop on a thread of its own, the connection limits checked at accept,
 * and the set of live connections that {@code GET /api/sockets} shows.
 */
final class TcpEchoServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TcpEchoServer.class);

    private final SocketsProperties properties;
    private final SocketsMetrics metrics;
    private volatile @Nullable ExecutorService threads;
    private final Set<TcpConnection> live = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile @Nullable ServerSocket server;

    TcpEchoServer(SocketsProperties properties, SocketsMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
        metrics.tcpConnections(open::get);
    }

    @Override
    public void start() {
        if (properties.tcpPort() < 0) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(properties.address() == null ? new InetSocketAddress(properties.tcpPort())
                    : new InetSocketAddress(properties.address(), properties.tcpPort()), 100);
            // made on every start: a stopped lifecycle (a paused test context, too) may be started again
            // a few threads beyond the limit: a finished connection frees its slot a moment before its
            // thread is free again, and a newcomer in that moment must not be refused for want of a thread
            threads = ConnectionThreads.forThisJvm("sockets-tcp-", properties.maxConnections() + 8);
            server = socket;
            log.info("Sockets lab: TCP greeting and line echo on port {}", socket.getLocalPort());
            Thread accept = new Thread(() -> acceptLoop(socket), "sockets-tcp-accept");
            accept.setDaemon(true);
            accept.start();
        } catch (IOException e) {
            throw new IllegalStateException("The sockets lab cannot listen on TCP port " + properties.tcpPort()
                    + " (set statelab.sockets.tcp-port to another port, 0 for a free one or -1 for none)", e);
        }
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("Sockets lab: accept failed: {}", e.getMessage());
                }
                continue;
            }
            admit(client);
        }
    }

    private void admit(Socket client) {
        InetAddress address = client.getInetAddress();
        if (open.incrementAndGet() > properties.maxConnections()) {
            open.decrementAndGet();
            refuse(client, "total", "Too many connections, try again later");
            return;
        }
        if (perAddress.merge(address, 1, Integer::sum) > properties.maxConnectionsPerAddress()) {
            release(address);
            refuse(client, "per-address", "Too many connections from your address, try again later");
            return;
        }
        TcpConnection connection = new TcpConnection(client, properties, metrics);
        live.add(connection);
        ExecutorService pool = threads;
        try {
            if (pool == null) {
                throw new RejectedExecutionException("stopped");
            }
            pool.execute(() -> {
                try {
                    connection.run();
                } finally {
                    closed(connection, address);
                }
            });
        } catch (RejectedExecutionException e) {
            closed(connection, address);
            refuse(client, "threads", "Too many connections, try again later");
        }
    }

    private void closed(TcpConnection connection, InetAddress address) {
        if (live.remove(connection)) {
            release(address);
        }
    }

    /** One connection of the address (and of the total) fewer; the address leaves the map at zero. */
    private void release(InetAddress address) {
        perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        open.decrementAndGet();
    }

    private void refuse(Socket client, String reason, String text) {
        metrics.tcpRefused(reason);
        try (client) {
            client.setSoTimeout(1000);
            OutputStream out = client.getOutputStream();
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // the client left first
        }
    }

    /** Live connections, oldest first. */
    List<TcpConnection.View> connections() {
        return live.stream().map(TcpConnection::view)
                .sorted(Comparator.comparing(TcpConnection.View::since)).toList();
    }

    /** The bound port, or -1 when off or not started. */
    int port() {
        ServerSocket socket = server;
        return socket == null ? -1 : socket.getLocalPort();
    }

    String threadKind() {
        return ConnectionThreads.kindForThisJvm();
    }

    @Override
    public void stop() {
        ServerSocket socket = server;
        server = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        live.forEach(TcpConnection::close);
        ExecutorService pool = threads;
        threads = null;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
