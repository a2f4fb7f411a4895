package dev.statelab.ftp.port;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import dev.statelab.ftp.engine.FtpAdmission;
import dev.statelab.ftp.engine.FtpCommandLine;
import dev.statelab.ftp.engine.FtpDownload;
import dev.statelab.ftp.engine.FtpFace;
import dev.statelab.ftp.engine.FtpOutcome;
import dev.statelab.ftp.engine.FtpReply;
import dev.statelab.ftp.engine.FtpUpload;
import dev.statelab.ftp.engine.FtpVerb;
import dev.statelab.ftp.engine.FtpVerbs;
import org.jspecify.annotations.Nullable;

/**
 * LIST, NLST, MLSD, RETR, STOR and APPE on one control connection: {@code 150}, the data connection, the
 * bytes, the data connection closed, then {@code 226} (or {@code 425}/{@code 426}). The bytes move on a
 * thread of their own; RETR in TYPE I hands the file to the kernel ({@code FileChannel.transferTo}, which
 * is sendfile on Linux).
 */
final class Transfers {

    private static final long CHUNK = 8L << 20;
    /** After the data connection ends, how long to look for the control connection closing too (a vanished client). */
    private static final long VANISHED_WAIT_MILLIS = 50;

    private final ControlConnection connection;
    private final PortContext context;
    private volatile @Nullable Transfer running;

    Transfers(ControlConnection connection, PortContext context) {
        this.connection = connection;
        this.context = context;
    }

    @Nullable Transfer running() {
        return running;
    }

    boolean isTransfer(String verb) {
        FtpVerb row = FtpVerbs.find(verb);
        return row != null && row.dataTransfer();
    }

    void start(FtpCommandLine line, @Nullable DataSource source) throws IOException {
        FtpAdmission check = connection.engineCheck(line);
        if (!check.admitted()) {
            if (source != null) {
                source.close();
            }
            FtpOutcome refused = context.engine().execute(FtpFace.PORT, connection.state(), line, null);
            connection.state(refused.state());
            connection.reply(refused.reply());
            return;
        }
        if (source == null) {
            connection.state(check.state());
            connection.reply(FtpReply.of(425, "Use PASV or EPSV first: no data connection is set up"));
            return;
        }
        boolean upload = line.verb().equals("STOR") || line.verb().equals("APPE");
        if (upload) {
            connection.reply(FtpReply.of(150, "Ready to receive " + line.argument() + " on the data connection"));
            begin(line, source, null);
            return;
        }
        FtpOutcome outcome = context.engine().execute(FtpFace.PORT, connection.state(), line, null);
        connection.state(outcome.state());
        if (!outcome.reply().isPositive()) {
            source.close();
            connection.reply(outcome.reply());
            connection.synced();
            return;
        }
        FtpDownload download = outcome.download();
        connection.reply(FtpReply.of(150, download != null
                ? "Opening " + (download.ascii() ? "ASCII" : "BINARY") + " mode data connection for "
                + download.name() + (download.length() >= 0 ? " (" + download.length() + " bytes)" : "")
                : "Opening data connection for the listing"));
        begin(line, source, outcome);
    }

    private void begin(FtpCommandLine line, DataSource source, @Nullable FtpOutcome outcome) {
        Transfer transfer = new Transfer(line.toString());
        running = transfer;
        context.watch(transfer);
        context.threads().execute(() -> carry(transfer, line, source, outcome));
    }

    private void carry(Transfer transfer, FtpCommandLine line, DataSource source, @Nullable FtpOutcome outcome) {
        FtpReply last;
        SocketChannel channel = null;
        try {
            channel = source.open(connection.peer(), context.properties().dataTimeout());
            context.metrics().dataConnectionOpened();
            transfer.connected(channel);
            if (outcome == null) {
                last = receive(transfer, line, channel);
            } else if (outcome.download() != null) {
                send(transfer, outcome.download(), channel);
                last = outcome.reply();
            } else {
                sendLines(transfer, outcome.reply(), channel);
                last = FtpReply.of(226, outcome.reply().text());
            }
            channel.close();
        } catch (DataSource.ForeignAddressException e) {
            last = FtpReply.of(425, "Can't open data connection: it came from another address than this "
                    + "control connection's");
        } catch (SocketTimeoutException e) {
            last = FtpReply.of(425, "Can't open data connection: none arrived within "
                    + context.properties().dataTimeout().toSeconds() + " s");
        } catch (IOException | RuntimeException e) {
            last = cutReply(transfer);
        } finally {
            closeQuietly(channel);
            source.close();
            context.unwatch(transfer);
        }
        if (transfer.cut() != Transfer.Cut.NONE && last.code() != 425) {
            last = cutReply(transfer);
        }
        running = null;
        connection.touched();
        try {
            connection.reply(last);
        } catch (IOException e) {
            // the control connection is gone; its own loop cleans up
        }
        connection.synced();
        transfer.finish();
    }

    private FtpReply cutReply(Transfer transfer) {
        return switch (transfer.cut()) {
            case ABORTED -> FtpReply.of(426, "Connection closed; transfer aborted by ABOR");
            case STALLED -> FtpReply.of(426, "Connection closed; no byte moved for "
                    + context.properties().dataTimeout().toSeconds() + " s");
            default -> FtpReply.of(426, "Connection closed; transfer aborted");
        };
    }

    private void send(Transfer transfer, FtpDownload download, SocketChannel channel) throws IOException {
        long sent = 0;
        try {
            if (download.ascii()) {
                sent = download.writeTo(new Progress(Channels.newOutputStream(channel), transfer, context));
                return;
            }
            try (FileChannel file = download.channel()) {
                long position = download.offset();
                long end = file.size();
                while (position < end) {
                    long moved = file.transferTo(position, Math.min(CHUNK, end - position), channel);
                    if (moved <= 0 && transfer.cut() != Transfer.Cut.NONE) {
                        throw new IOException("transfer cut");
                    }
                    position += moved;
                    sent += moved;
                    transfer.progressed(moved);
                    context.metrics().dataOut(moved);
                }
            }
        } finally {
            connection.state(connection.state().plusBytesOut(download.ascii() ? transfer.bytes() : sent));
        }
    }

    private void sendLines(Transfer transfer, FtpReply listing, SocketChannel channel) throws IOException {
        StringBuilder text = new StringBuilder();
        listing.lines().forEach(line -> text.append(line).append("\r\n"));
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            int written = channel.write(bytes);
            transfer.progressed(written);
            context.metrics().dataOut(written);
        }
    }

    private FtpReply receive(Transfer transfer, FtpCommandLine line, SocketChannel channel) {
        Arrival body = new Arrival(channel, transfer);
        FtpOutcome outcome = context.engine().execute(FtpFace.PORT, connection.state(), line,
                new FtpUpload(body, -1, body::confirmEnd));
        connection.state(outcome.state());
        return outcome.reply();
    }

    /** STAT, NOOP, ABOR and QUIT while bytes flow; anything else waits for the transfer to end. */
    boolean duringTransfer(Transfer transfer, FtpCommandLine line) throws IOException {
        switch (line.verb()) {
            case "ABOR" -> {
                transfer.cut(Transfer.Cut.ABORTED);
                awaitFinish(transfer);
                connection.reply(FtpReply.of(226, "ABOR successful: the data connection is closed"));
            }
            case "STAT" -> connection.reply(connection.statusDuring(transfer));
            case "NOOP" -> connection.reply(FtpReply.of(200, "NOOP ok: the transfer goes on"));
            case "QUIT" -> {
                awaitFinish(transfer);
                FtpOutcome outcome = context.engine().execute(FtpFace.PORT, connection.state(), line, null);
                connection.reply(outcome.reply());
                return false;
            }
            default -> connection.reply(FtpReply.of(503, "A transfer is under way: only ABOR, STAT, NOOP and QUIT "
                    + "until it ends"));
        }
        return true;
    }

    void controlClosed() {
        Transfer transfer = running;
        if (transfer != null) {
            transfer.cut(Transfer.Cut.CONTROL_CLOSED);
        }
    }

    private static void awaitFinish(Transfer transfer) {
        try {
            transfer.awaitFinish(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(@Nullable SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /**
     * The bytes of a STOR as they arrive. In stream mode the end of the data connection is the end of the
     * file, so a client that vanished looks like one that finished: when the control connection closes
     * as well, within {@link #VANISHED_WAIT_MILLIS} of the end, the end counts as a cut and the file store
     * keeps nothing of it. The store asks only once the bytes are on disk, so the wait runs alongside the sync.
     */
    private final class Arrival implements ReadableByteChannel {
        private final SocketChannel in;
        private final Transfer transfer;
        private long endedAt;

        Arrival(SocketChannel in, Transfer transfer) {
            this.in = in;
            this.transfer = transfer;
        }

        @Override
        public int read(ByteBuffer buffer) throws IOException {
            int n = in.read(buffer);
            if (n > 0) {
                transfer.progressed(n);
                context.metrics().dataIn(n);
                return n;
            }
            if (n < 0) {
                if (transfer.cut() != Transfer.Cut.NONE) {
                    throw new IOException("the upload was cut");
                }
                if (endedAt == 0) {
                    endedAt = System.nanoTime();
                }
            }
            return n;
        }

        /** The verdict on the end, once the bytes are on disk. */
        void confirmEnd() throws IOException {
            long waited = endedAt == 0 ? 0 : (System.nanoTime() - endedAt) / 1_000_000;
            try {
                if (transfer.cut() != Transfer.Cut.NONE
                        || connection.controlClosedWithin(Math.max(0, VANISHED_WAIT_MILLIS - waited))) {
                    throw new IOException("the client went away during the upload");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
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

    /** Counts what a TYPE A download sends, for the stall watch and the metrics. */
    private static final class Progress extends FilterOutputStream {
        private final Transfer transfer;
        private final PortContext context;

        Progress(OutputStream out, Transfer transfer, PortContext context) {
            super(out);
            this.transfer = transfer;
            this.context = context;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            transfer.progressed(length);
            context.metrics().dataOut(length);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
