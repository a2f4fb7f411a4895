package dev.statelab.ftp.port;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One listing or file transfer under way on a data connection. The control connection keeps reading
 * while it runs (ABOR, STAT, NOOP), so what both sides need is here: the channel to cut, the bytes moved
 * and when the last one moved (for the stall timeout), and whether it was aborted.
 */
final class Transfer {

    enum Cut { NONE, ABORTED, STALLED, CONTROL_CLOSED }

    private final String command;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile @Nullable SocketChannel channel;
    private volatile long bytes;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile Cut cut = Cut.NONE;

    Transfer(String command) {
        this.command = command;
    }

    String command() {
        return command;
    }

    void connected(SocketChannel data) throws IOException {
        channel = data;
        if (cut != Cut.NONE) {
            data.close();
        }
        progressed(0);
    }

    void progressed(long moved) {
        bytes += moved;
        lastProgressNanos = System.nanoTime();
    }

    long bytes() {
        return bytes;
    }

    long idleNanos() {
        return System.nanoTime() - lastProgressNanos;
    }

    Cut cut() {
        return cut;
    }

    /** Cuts the data connection: blocked reads and writes on it end at once. */
    void cut(Cut why) {
        if (cut == Cut.NONE) {
            cut = why;
        }
        SocketChannel data = channel;
        if (data != null) {
            try {
                // a shutdown wakes a thread blocked in sendfile, which closing the channel alone does not
                data.shutdownOutput();
                data.shutdownInput();
            } catch (IOException e) {
                // closed below
            }
            try {
                data.close();
            } catch (IOException e) {
                // it is being cut anyway
            }
        }
    }

    /** Called by the transfer once its final reply is sent. */
    void finish() {
        finished.countDown();
    }

    boolean awaitFinish(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }
}
