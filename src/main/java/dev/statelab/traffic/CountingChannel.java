package dev.statelab.traffic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Counts the bytes read through it, so that a transfer cut half-way still reports what arrived. */
public class CountingChannel implements ReadableByteChannel {

    private final ReadableByteChannel in;
    private long count;

    public CountingChannel(ReadableByteChannel in) {
        this.in = in;
    }

    public long count() {
        return count;
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
        int n = in.read(buffer);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
