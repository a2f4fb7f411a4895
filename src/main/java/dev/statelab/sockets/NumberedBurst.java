package dev.statelab.sockets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLongArray;

import org.jspecify.annotations.Nullable;

/**
 * A small client inside the service that sends N numbered messages over TCP (one round trip after the
 * other) and N numbered datagrams over UDP (all at once, with the impairment asked for) to the lab's own
 * ports, and counts what comes back. One burst runs at a time.
 */
final class NumberedBurst {

    /** Another burst is running. */
    static final class BusyException extends RuntimeException {
        BusyException() {
            super("busy", null, false, false);
        }
    }

    private static final String PREFIX = "burst ";
    // a pause of 1 ms after this many datagrams, so that the burst measures the simulation and not the
    // overflow of a receive buffer (which is real loss, and which a client this fast would cause)
    private static final int PACE_EVERY = 16;

    private final TcpEchoServer tcp;
    private final UdpEchoServer udp;
    private final SocketsProperties properties;
    private final Semaphore oneAtATime = new Semaphore(1);

    NumberedBurst(TcpEchoServer tcp, UdpEchoServer udp, SocketsProperties properties) {
        this.tcp = tcp;
        this.udp = udp;
        this.properties = properties;
    }

    /** @param asked the impairment for this burst's datagrams, or null for the server's own settings */
    BurstResult run(int count, @Nullable Impairment asked) {
        if (!oneAtATime.tryAcquire()) {
            throw new BusyException();
        }
        try {
            Impairment impairment = asked == null ? udp.defaults() : asked;
            BurstResult.Outcome overTcp = tcp.port() < 0 ? null : overTcp(count);
            BurstResult.Outcome overUdp = udp.port() < 0 ? null : overUdp(count, asked, impairment);
            return new BurstResult(count, ImpairmentView.of(impairment), overTcp, overUdp);
        } finally {
            oneAtATime.release();
        }
    }

    private InetAddress target() throws IOException {
        String address = properties.address();
        InetAddress bound = address == null ? null : InetAddress.getByName(address);
        return bound == null || bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
    }

    private BurstResult.Outcome overTcp(int count) {
        Tally tally = new Tally(count);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target(), tcp.port()), 2000);
            socket.setSoTimeout((int) properties.burst().timeout().toMillis());
            socket.setTcpNoDelay(true);
            var in = socket.getInputStream();
            if (in.readNBytes(TcpConnection.GREETING.length).length < TcpConnection.GREETING.length) {
                return tally.outcome();
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            for (int seq = 1; seq <= count; seq++) {
                long start = System.nanoTime();
                out.write((PREFIX + seq + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                tally.arrived(number(line), (System.nanoTime() - start) / 1e6);
            }
        } catch (IOException e) {
            // a closed or silent connection: what did not come back counts as lost
        }
        return tally.outcome();
    }

    private BurstResult.Outcome overUdp(int count, @Nullable Impairment asked, Impairment impairment) {
        Tally tally = new Tally(count);
        AtomicLongArray sentAt = new AtomicLongArray(count + 1);
        String prefix = asked == null ? "" : SimPrefix.MARK + " loss=" + asked.loss() + " reorder=" + asked.reorder()
                + " delay=" + asked.delay().toMillis() + "ms|";
        Duration wait = impairment.delay().plus(properties.udp().reorderHold()).plusSeconds(1);
        if (wait.compareTo(properties.burst().timeout()) > 0) {
            wait = properties.burst().timeout();
        }
        // a channel, not a DatagramSocket: a DatagramSocket waiting in a timed receive on one thread holds
        // up the echoes it could read while another thread sends (tens of ms on Java 17)
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF,
                    (int) Math.min(Integer.MAX_VALUE, properties.udp().receiveBuffer().toBytes()));
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress to = new InetSocketAddress(target(), udp.port());
            Thread receiver = new Thread(() -> receive(channel, tally, sentAt), "sockets-burst-udp");
            receiver.setDaemon(true);
            receiver.start();
            for (int seq = 1; seq <= count; seq++) {
                byte[] bytes = (prefix + PREFIX + seq).getBytes(StandardCharsets.UTF_8);
                sentAt.set(seq, System.nanoTime());
                channel.send(ByteBuffer.wrap(bytes), to);
                if (seq % PACE_EVERY == 0) {
                    Thread.sleep(1);
                }
            }
            receiver.join(wait.toMillis());
            channel.close();
            receiver.join(1000);
        } catch (IOException e) {
            // what did not come back counts as lost
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return tally.outcome();
    }

    /** Reads echoes until all came back or the channel is closed. */
    private static void receive(DatagramChannel channel, Tally tally, AtomicLongArray sentAt) {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        while (!tally.complete()) {
            try {
                buffer.clear();
                channel.receive(buffer);
                long now = System.nanoTime();
                int seq = number(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                if (seq >= 1 && seq < sentAt.length()) {
                    tally.arrived(seq, (now - sentAt.get(seq)) / 1e6);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static int number(String echo) {
        String text = echo.strip();
        if (!text.startsWith(PREFIX)) {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
