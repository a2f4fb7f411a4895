package dev.statelab.sockets;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TCP connection of the lab: its two ends, its byte counts, and the echo itself. It greets on
 * accept, before reading anything, because the course's client sends {@code Hello, Server} without a
 * line end and then waits for the greeting. After that every complete line goes back as it came; a
 * line still without its {@code \n} is never echoed, so the greeting always arrives alone.
 */
final class TcpConnection implements Runnable {

    static final byte[] GREETING = "Hello, Client".getBytes(StandardCharsets.UTF_8);

    /** What the table shows of a connection. */
    record View(String remote, String local, long bytesIn, long bytesOut, Instant since) {
    }

    private final Socket socket;
    private final SocketsProperties limits;
    private final SocketsMetrics metrics;
    private final String remote;
    private final String local;
    private final Instant since = Instant.now();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();

    TcpConnection(Socket socket, SocketsProperties limits, SocketsMetrics metrics) {
        this.socket = socket;
        this.limits = limits;
        this.metrics = metrics;
        this.remote = Endpoints.format(socket.getRemoteSocketAddress());
        this.local = Endpoints.format(socket.getLocalSocketAddress());
    }

    InetAddress address() {
        return socket.getInetAddress();
    }

    View view() {
        return new View(remote, local, bytesIn.get(), bytesOut.get(), since);
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, limits.idleTimeout().toMillis())));
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            write(out, GREETING, GREETING.length);
            out.flush();
            echo(socket.getInputStream(), out);
        } catch (IOException e) {
            // a reset or a close from the other side ends the connection; nothing to report
        }
    }

    private void echo(InputStream in, OutputStream out) throws IOException {
        long maxBytes = limits.maxBytesPerConnection().toBytes();
        int maxLine = (int) Math.min(Integer.MAX_VALUE - 1, limits.maxLineLength().toBytes());
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException idle) {
                metrics.tcpRefused("idle");
                notice(out, "Idle for " + limits.idleTimeout().toMillis() + " ms, closing");
                return;
            }
            if (n < 0) {
                return;
            }
            metrics.tcpBytesIn(n);
            if (bytesIn.addAndGet(n) > maxBytes) {
                metrics.tcpRefused("bytes");
                notice(out, "This connection sent more than " + maxBytes + " bytes, closing");
                return;
            }
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    if (line.size() + i - start > maxLine) {
                        tooLong(out, maxLine);
                        return;
                    }
                    line.write(buffer, start, i + 1 - start);
                    write(out, line.toByteArray(), line.size());
                    line.reset();
                    start = i + 1;
                }
            }
            if (line.size() + n - start > maxLine) {
                tooLong(out, maxLine);
                return;
            }
            line.write(buffer, start, n - start);
            out.flush();
        }
    }

    private void tooLong(OutputStream out, int maxLine) throws IOException {
        metrics.tcpRefused("line");
        notice(out, "A line is longer than " + maxLine + " bytes, closing");
    }

    private void notice(OutputStream out, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        write(out, bytes, bytes.length);
        out.flush();
    }

    private void write(OutputStream out, byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
        bytesOut.addAndGet(length);
        metrics.tcpBytesOut(length);
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
