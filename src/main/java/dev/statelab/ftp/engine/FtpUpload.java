package dev.statelab.ftp.engine;

import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;

import dev.statelab.files.BodyEnd;
import dev.statelab.files.StreamChannel;

/**
 * The data a STOR or APPE carries, as it arrives; the engine streams it into the store. A channel (the
 * FTP port's data socket) is read by the store without a copy through the heap.
 *
 * @param length the announced length in bytes, or -1 when unknown
 * @param end    asked once the bytes are on disk whether the body really ended (a data connection's end
 *               may be a vanished client's)
 */
public record FtpUpload(ReadableByteChannel body, long length, BodyEnd end) {

    /** A body whose end of stream is its end. */
    public FtpUpload(ReadableByteChannel body, long length) {
        this(body, length, BodyEnd.CLEAN);
    }

    /** A body that arrives as a stream (an HTTP request). */
    public FtpUpload(InputStream body, long length) {
        this(StreamChannel.of(body), length);
    }
}
