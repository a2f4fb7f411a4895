package dev.statelab.ftp.port;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.statelab.ftp.PortSessions;
import dev.statelab.ftp.engine.FtpCommandEngine;
import dev.statelab.threads.ConnectionThreads;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The FTP control port: accepts connections, refuses those beyond the limits in total and per address
 * (421, then closed), and gives each one a {@link ControlConnection} on a thread of its own. Started and
 * stopped with the application; {@code statelab.ftp.port=-1} leaves it off.
 */
public final class FtpPortServer implements SmartLifecycle, PortContext {

    private static final Logger log = LoggerFactory.getLogger(FtpPortServer.class);

    private final FtpCommandEngine engine;
    private final PortSessions sessions;
    private final FtpPortProperties properties;
    private final DataCommands dataCommands;
    private final PortMetrics metrics;
    private final Set<ControlConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Set<Transfer> transfers = ConcurrentHashMap.newKeySet();
    private @Nullable ServerSocket server;
    private @Nullable ExecutorService threads;
    private @Nullable ScheduledExecutorService watchdog;
    private volatile boolean running;
    private java.util.function.IntConsumer started = port -> { };

    public FtpPortServer(FtpCommandEngine engine, PortSessions sessions, FtpPortProperties properties,
                         MeterRegistry registry) {
        this.engine = engine;
        this.sessions = sessions;
        this.properties = properties;
        this.dataCommands = new DataCommands(properties);
        this.metrics = new PortMetrics(registry, connections::size);
    }

    /** Told the port once it is bound. */
    public void onStarted(java.util.function.IntConsumer listener) {
        this.started = listener;
    }

    /** The port actually bound (useful with {@code statelab.ftp.port=0}); -1 when off. */
    public int port() {
        ServerSocket bound = server;
        return bound == null ? -1 : bound.getLocalPort();
    }

    @Override
    public void start() {
        if (properties.port() < 0) {
            log.info("FTP control port is off (statelab.ftp.port=-1)");
            running = true;
            return;
        }
        try {
            InetAddress address = properties.address() == null || properties.address().isBlank() ? null
                    : InetAddress.getByName(properties.address().trim());
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, properties.port()), 128);
            server = socket;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the FTP control port " + properties.port() + ": " + e.getMessage(), e);
        }
        threads = ConnectionThreads.forThisJvm("ftp-port-", properties.maxThreads());
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ftp-data-watch");
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(100, Math.min(1000, properties.dataTimeout().toMillis() / 2));
        watchdog.scheduleWithFixedDelay(this::cutStalled, tick, tick, TimeUnit.MILLISECONDS);
        Thread acceptor = new Thread(this::acceptLoop, "ftp-accept");
        acceptor.setDaemon(true);
        running = true;
        acceptor.start();
        started.accept(port());
        log.info("FTP control port listening on {}:{} (passive ports {}); FTP sends passwords in clear",
                server.getInetAddress().getHostAddress(), port(), properties.passivePorts());
    }

    private void acceptLoop() {
        ServerSocket socket = server;
        while (running && socket != null && !socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (running && !socket.isClosed()) {
                    log.warn("FTP accept failed: {}", e.toString());
                }
                continue;
            }
            admit(client);
        }
    }

    private void admit(Socket client) {
        InetAddress from = client.getInetAddress();
        if (connections.size() >= properties.maxConnections()) {
            refuse(client, "421 Too many connections (" + properties.maxConnections() + "): try again later");
            return;
        }
        AtomicInteger count = perAddress.compute(from, (key, old) -> {
            AtomicInteger counter = old == null ? new AtomicInteger() : old;
            counter.incrementAndGet();
            return counter;
        });
        if (count.get() > properties.maxConnectionsPerAddress()) {
            perAddress.computeIfPresent(from, (key, counter) -> counter.decrementAndGet() <= 0 ? null : counter);
            refuse(client, "421 Too many connections from your address (" + properties.maxConnectionsPerAddress()
                    + "): close one first");
            return;
        }
        ControlConnection connection = new ControlConnection(client, this);
        connections.add(connection);
        try {
            threads().execute(connection);
        } catch (RejectedExecutionException e) {
            release(connection);
            refuse(client, "421 The server is at its thread limit: try again later");
        }
    }

    private static void refuse(Socket client, String reply) {
        try (client) {
            client.setSoTimeout(1000);
            OutputStream out = client.getOutputStream();
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the client is refused either way
        }
    }

    private void cutStalled() {
        long limit = properties.dataTimeout().toNanos();
        for (Transfer transfer : transfers) {
            if (transfer.idleNanos() > limit) {
                transfer.cut(Transfer.Cut.STALLED);
            }
        }
    }

    @Override
    public void release(ControlConnection connection) {
        if (connections.remove(connection)) {
            perAddress.computeIfPresent(connection.peer(), (address, count) ->
                    count.decrementAndGet() <= 0 ? null : count);
        }
    }

    @Override
    public void stop() {
        running = false;
        ServerSocket socket = server;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // stopping anyway
            }
        }
        connections.forEach(ControlConnection::close);
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        if (threads != null) {
            threads.shutdownNow();
        }
        server = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    int openConnections() {
        return connections.size();
    }

    @Override
    public FtpCommandEngine engine() {
        return engine;
    }

    @Override
    public PortSessions sessions() {
        return sessions;
    }

    @Override
    public FtpPortProperties properties() {
        return properties;
    }

    @Override
    public DataCommands dataCommands() {
        return dataCommands;
    }

    @Override
    public PortMetrics metrics() {
        return metrics;
    }

    @Override
    public ExecutorService threads() {
        ExecutorService pool = threads;
        if (pool == null) {
            throw new IllegalStateException("the FTP port is not started");
        }
        return pool;
    }

    @Override
    public void watch(Transfer transfer) {
        transfers.add(transfer);
    }

    @Override
    public void unwatch(Transfer transfer) {
        transfers.remove(transfer);
    }
}
