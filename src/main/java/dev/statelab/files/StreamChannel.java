package dev.statelab.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

import org.jspecify.annotations.Nullable;

/**
 * A stream read as a channel, straight into the buffer's array. The JDK's {@code Channels.newChannel}
 * reads at most 8 KiB at a time through an array of its own; this one reads as much as the stream gives.
 */
public final class StreamChannel implements ReadableByteChannel {

    private final InputStream in;
    private boolean open = true;
    private byte @Nullable [] chunk;

    private StreamChannel(InputStream in) {
        this.in = in;
    }

    public static ReadableByteChannel of(InputStream in) {
        return new StreamChannel(in);
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
        if (!buffer.hasRemaining()) {
            return 0;
        }
        if (buffer.hasArray()) {
            int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (n > 0) {
                buffer.position(buffer.position() + n);
            }
            return n;
        }
        byte[] bytes = chunk;
        if (bytes == null) {
            bytes = new byte[64 * 1024];
            chunk = bytes;
        }
        int n = in.read(bytes, 0, Math.min(buffer.remaining(), bytes.length));
        if (n > 0) {
            buffer.put(bytes, 0, n);
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}
