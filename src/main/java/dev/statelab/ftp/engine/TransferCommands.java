package dev.statelab.ftp.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import dev.statelab.files.FileStore;
import dev.statelab.files.ReadableFile;
import dev.statelab.files.StoredFile;
import dev.statelab.files.UserPath;
import dev.statelab.files.WritePrecondition;
import dev.statelab.traffic.CountingInputStream;

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
        if (!request.line().hasArgument()) {
            return request.reply(next, 501, "RETR needs a file name");
        }
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
        if (!request.line().hasArgument()) {
            return request.reply(state, 501, verb + " needs a file name");
        }
        FtpUpload upload = request.upload();
        if (upload == null) {
            return request.reply(state, 425, "No data connection: " + verb + " needs the file's bytes sent with it");
        }
        if (request.state().restartOffset() > 0 && !append) {
            return request.reply(state, 554, "REST before STOR is not supported: use APPE to resume an upload");
        }
        UserPath path = request.path();
        CountingInputStream counted = new CountingInputStream(upload.body()); // before any conversion
        InputStream body = state.isAscii() ? AsciiConversion.fromNetwork(counted) : counted;
        StoredFile stored = append
                ? store.append(request.user(), path, body)
                : store.write(request.user(), path, body, state.isAscii() ? -1 : upload.length(), WritePrecondition.NONE).file();
        return request.reply(state.plusBytesIn(counted.count()), 226, "Transfer complete: " + counted.count()
                + " bytes received, " + stored.path() + " is now " + stored.size() + " bytes");
    }
}
