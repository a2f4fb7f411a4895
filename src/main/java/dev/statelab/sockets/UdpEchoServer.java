package dev.statelab.sockets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The lab's UDP port: every datagram goes back to its sender, unless the rate limit of its address or
 * the simulated impairment says otherwise. One thread receives and judges; delayed and held-back echoes
 * go out from a scheduler thread. An echo is never larger than the datagram that asked for it.
 */
final class UdpEchoServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UdpEchoServer.class);
    private static final byte[] ERROR_MARK = "!sim error: ".getBytes(StandardCharsets.US_ASCII);

    private final SocketsProperties properties;
    private final SocketsProperties.Udp udp;
    private final SocketsMetrics metrics;
    private final Impairment defaults;
    private final long seed;
    private final Cache<SocketAddress, UdpPeer> peers;
    private final Cache<InetAddress, Bucket> rates;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile @Nullable DatagramChannel channel;
    private volatile @Nullable ScheduledExecutorService scheduler;

    UdpEchoServer(SocketsProperties properties, SocketsMetrics metrics) {
        this.properties = properties;
        this.udp = properties.udp();
        this.metrics = metrics;
        this.defaults = Impairment.of(udp);
        this.seed = udp.seed() != null ? udp.seed() : new SecureRandom().nextLong();
        // maintenance on the calling thread: no hop to the common pool for every datagram
        this.peers = Caffeine.newBuilder().executor(Runnable::run).maximumSize(Math.max(1, udp.recentPeers()))
                .expireAfterAccess(Duration.ofMinutes(10)).build();
        this.rates = Caffeine.newBuilder().executor(Runnable::run).maximumSize(Math.max(1, udp.trackedAddresses()))
                .expireAfterAccess(Duration.ofMinutes(1)).build();
        metrics.udpPeers(() -> peers.estimatedSize());
    }

    @Override
    public void start() {
        if (properties.udpPort() < 0) {
            return;
        }
        try {
            DatagramChannel socket = DatagramChannel.open();
            socket.setOption(StandardSocketOptions.SO_RCVBUF, (int) Math.min(Integer.MAX_VALUE, udp.receiveBuffer().toBytes()));
            socket.bind(properties.address() == null ? new InetSocketAddress(properties.udpPort())
                    : new InetSocketAddress(properties.address(), properties.udpPort()));
            channel = socket;
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sockets-udp-later");
                thread.setDaemon(true);
                return thread;
            });
            log.info("Sockets lab: UDP echo on port {} (simulated loss {}, reorder {}, delay {} ms)",
                    ((InetSocketAddress) socket.getLocalAddress()).getPort(), defaults.loss(), defaults.reorder(),
                    defaults.delay().toMillis());
            Thread receive = new Thread(() -> receiveLoop(socket), "sockets-udp-receive");
            receive.setDaemon(true);
            receive.start();
        } catch (IOException e) {
            throw new IllegalStateException("The sockets lab cannot listen on UDP port " + properties.udpPort()
                    + " (set statelab.sockets.udp-port to another port, 0 for a free one or -1 for none)", e);
        }
    }

    private void receiveLoop(DatagramChannel socket) {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(65_535, Math.max(1, udp.maxDatagramSize().toBytes())));
        while (socket.isOpen()) {
            try {
                buffer.clear();
                SocketAddress from = socket.receive(buffer);
                if (from != null) {
                    handle(from, Arrays.copyOf(buffer.array(), buffer.position()));
                }
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                if (socket.isOpen()) {
                    log.warn("Sockets lab: a datagram could not be handled: {}", e.toString());
                }
            }
        }
    }

    private void handle(SocketAddress from, byte[] datagram) {
        metrics.udpBytesIn(datagram.length);
        UdpPeer peer = peers.get(from, UdpPeer::new);
        peer.heard();
        InetAddress address = ((InetSocketAddress) from).getAddress();
        Bucket rate = rates.get(address, a -> Bucket.builder()
                .addLimit(limit -> limit.capacity(Math.max(1, udp.datagramBurst()))
                        .refillGreedy(Math.max(1, udp.datagramsPerSecond()), Duration.ofSeconds(1)))
                .build());
        if (!rate.tryConsume(1)) {
            metrics.datagram("rate-limited");
            return;
        }
        Impairment impairment = defaults;
        byte[] payload = datagram;
        if (SimPrefix.present(datagram, datagram.length)) {
            try {
                SimPrefix.Parsed parsed = SimPrefix.parse(datagram, datagram.length, defaults, udp.maxSimulatedDelay());
                impairment = parsed.impairment();
                payload = parsed.payload();
            } catch (SimPrefix.BadPrefixException e) {
                metrics.datagram("bad-prefix");
                send(peer, error(e.getMessage(), datagram.length));
                return;
            }
        }
        SplittableRandom draws = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + peer.nextIndex());
        double lossDraw = draws.nextDouble();
        double reorderDraw = draws.nextDouble();
        if (lossDraw < impairment.loss()) {
            metrics.datagram("simulated-loss");
            return;
        }
        boolean hold = reorderDraw < impairment.reorder();
        byte[] echo = payload;
        if (impairment.delay().isZero()) {
            deliver(peer, echo, hold);
            return;
        }
        ScheduledExecutorService later = scheduler;
        if (later == null || waiting.incrementAndGet() > udp.maxHeld()) {
            waiting.decrementAndGet();
            metrics.datagram("overflow");
            return;
        }
        later.schedule(() -> {
            waiting.decrementAndGet();
            deliver(peer, echo, hold);
        }, impairment.delay().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Sends the echo, or holds it back until the next echo to the same sender has gone out. */
    private void deliver(UdpPeer peer, byte[] echo, boolean hold) {
        synchronized (peer) {
            ScheduledExecutorService later = scheduler;
            if (hold && !peer.holding() && later != null) {
                peer.hold(echo, later.schedule(() -> flush(peer), udp.reorderHold().toNanos(), TimeUnit.NANOSECONDS));
                return;
            }
            send(peer, echo);
            byte[] held = peer.release();
            if (held != null) {
                send(peer, held);
            }
        }
    }

    private void flush(UdpPeer peer) {
        synchronized (peer) {
            byte[] held = peer.release();
            if (held != null) {
                send(peer, held);
            }
        }
    }

    private void send(UdpPeer peer, byte[] echo) {
        DatagramChannel socket = channel;
        if (socket == null) {
            return;
        }
        try {
            socket.send(ByteBuffer.wrap(echo), peer.address);
            peer.sent();
            metrics.udpBytesOut(echo.length);
            metrics.datagram("echoed");
        } catch (IOException e) {
            // the sender's side refused it (ICMP port unreachable); UDP promises nothing
        }
    }

    private static byte[] error(String reason, int limit) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(ERROR_MARK, ERROR_MARK.length + text.length);
        System.arraycopy(text, 0, message, ERROR_MARK.length, text.length);
        return Arrays.copyOf(message, Math.min(limit, message.length));
    }

    /** Recent senders, most recently heard first. */
    List<UdpPeer.View> peers() {
        return peers.asMap().values().stream().map(UdpPeer::view)
                .sorted(Comparator.comparing(UdpPeer.View::last).reversed()).toList();
    }

    /** Lets the bounded list of senders settle its evictions now rather than on a later access. */
    void cleanUp() {
        peers.cleanUp();
    }

    Impairment defaults() {
        return defaults;
    }

    int port() {
        DatagramChannel socket = channel;
        if (socket == null) {
            return -1;
        }
        try {
            return ((InetSocketAddress) socket.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void stop() {
        DatagramChannel socket = channel;
        channel = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        ScheduledExecutorService later = scheduler;
        scheduler = null;
        if (later != null) {
            later.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return channel != null;
    }
}
