package dev.statelab.ftp.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Map;

import dev.statelab.files.FileStore;
import dev.statelab.files.ReadableFile;
import dev.statelab.files.StoredFile;
import dev.statelab.files.StreamChannel;
import dev.statelab.files.UserPath;
import dev.statelab.files.WritePrecondition;
import dev.statelab.traffic.CountingChannel;

/** RETR, STOR and APPE: streamed transfers, honouring the session's REST offset and TYPE. */
final class TransferCommands {

    private final FileStore store;

    TransferCommands(FileStore store) {
        this.store = store;
    }

    void register(Map<String, FtpRequest.Handler> handlers) {
        handlers.put("RETR", this::retr);
        handlers.put("STOR", request -> upload(request, false));
        handlers.put("APPE", request -> upload(request, true));
    }

    private FtpOutcome retr(FtpRequest request) {
        long offset = request.state().restartOffset();
        FtpSessionState next = request.state().withRestartOffset(0);
        ReadableFile file = store.read(request.user(), request.path());
        if (offset > file.info().size()) {
            return request.reply(next, 554, "Invalid REST parameter: " + offset + " is beyond the end of "
                    + file.info().path() + " (" + file.info().size() + " bytes)");
        }
        FtpDownload download = new FtpDownload(file, offset, next.isAscii());
        // plain ASCII, because an HTTP face sends this text in a header
        String from = offset > 0 ? ", resumed at byte " + offset : "";
        return new FtpOutcome(FtpReply.of(226, "Transfer complete" + from),
                next, FtpOutcome.Effect.STAY, download);
    }

    private FtpOutcome upload(FtpRequest request, boolean append) {
        FtpSessionState state = request.state().withRestartOffset(0);
        String verb = request.line().verb();
        FtpUpload upload = request.upload();
        if (upload == null) {
            return request.reply(state, 425, "No data connection: " + verb + " needs the file's bytes sent with it");
        }
        UserPath path = request.path();
        long offset = request.state().restartOffset();
        CountingChannel counted = new CountingChannel(upload.body()); // before any conversion
        ReadableByteChannel body = state.isAscii()
                ? StreamChannel.of(AsciiConversion.fromNetwork(Channels.newInputStream(counted))) : counted;
        long length = state.isAscii() ? -1 : upload.length();
        if (offset > 0 && !append) {
            StoredFile current = store.find(request.user(), path);
            if (state.isAscii() || current == null || current.isDirectory() || offset > current.size()) {
                return request.reply(state, 554, "Invalid REST parameter: STOR resumes within an existing file, "
                        + "in TYPE I, at most at its size");
            }
            // resuming is a new whole file (the kept head, then the new bytes), so it stays atomic
            InputStream head = store.read(request.user(), path).openStream(0);
            body = StreamChannel.of(new SequenceInputStream(new BoundedInputStream(head, offset),
                    Channels.newInputStream(counted)));
            length = length < 0 ? -1 : offset + length;
        }
        StoredFile stored = append
                ? store.append(request.user(), path, body, upload.end())
                : store.write(request.user(), path, body, length, WritePrecondition.NONE, upload.end()).file();
        return request.reply(state.plusBytesIn(counted.count()), 226, "Transfer complete: " + counted.count()
                + " bytes received, " + stored.path() + " is now " + stored.size() + " bytes");
    }

    /** The first {@code limit} bytes of a stream, closing it at the end. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
