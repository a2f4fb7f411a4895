package dev.statelab.ftp.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import dev.statelab.files.ReadableFile;
import dev.statelab.traffic.CountingOutputStream;

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
}
