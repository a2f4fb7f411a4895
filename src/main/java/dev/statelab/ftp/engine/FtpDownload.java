package dev.statelab.ftp.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import dev.statelab.files.ReadableFile;

/**
 * A RETR ready to stream: the file, where to start (a REST offset, counted in stored bytes) and whether
 * line endings are converted (TYPE A).
 */
public record FtpDownload(ReadableFile file, long offset, boolean ascii) {

    private static final int BUFFER_SIZE = 64 * 1024;

    public String name() {
        return file.info().name();
    }

    /** The bytes that will be sent, or -1 when TYPE A conversion makes it unknown in advance. */
    public long length() {
        return ascii ? -1 : file.info().size() - offset;
    }

    /**
     * The file as a channel, for a face that hands it to the kernel ({@code FileChannel.transferTo}, from
     * {@link #offset()}); the caller closes it. Only for TYPE I, where stored bytes are the bytes sent.
     */
    public java.nio.channels.FileChannel channel() {
        return file.openChannel(0);
    }

    /**
     * Streams the file to {@code out} through one buffer and answers the bytes sent as the client gets
     * them (after conversion). The caller closes {@code out}.
     */
    public long writeTo(OutputStream out) throws IOException {
        CountingOutputStream counted = new CountingOutputStream(out);
        OutputStream target = ascii ? AsciiConversion.toNetwork(counted) : counted;
        try (InputStream in = file.openStream(offset)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                target.write(buffer, 0, read);
            }
            target.flush();
        }
        return counted.count();
    }

    /** Counts what passes, so that a download cut half-way still adds what was sent. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        long count() {
            return count;
        }
    }
}
