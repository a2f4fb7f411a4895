package dev.statelab.web;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body that must keep an average rate: after the grace period, a read that finds fewer bytes
 * than {@code minRate} per second since the request began fails, as Kestrel's minimum request body data
 * rate does. A client that stops sending altogether is cut by the connector's read timeout.
 */
final class MinimumRateInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long minRate;
    private final long graceNanos;
    private final long start;
    private long read;

    MinimumRateInputStream(ServletInputStream in, long minRate, long graceNanos, long start) {
        this.in = in;
        this.minRate = minRate;
        this.graceNanos = graceNanos;
        this.start = start;
    }

    /** Thrown when the body arrives too slowly; the upload fails as a cut one would. */
    static final class TooSlowException extends IOException {
        TooSlowException(long rate) {
            super("request body arrived at " + rate + " bytes/s, below the minimum");
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            read++;
        }
        check();
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            read += n;
        }
        check();
        return n;
    }

    private void check() throws TooSlowException {
        long elapsed = System.nanoTime() - start;
        if (elapsed > graceNanos && read < minRate * (elapsed / 1_000_000L) / 1000L) {
            throw new TooSlowException(read * 1_000_000_000L / elapsed);
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
