package dev.statelab.ftp.engine;

import java.util.Map;

import dev.statelab.files.FileStore;
import dev.statelab.files.InvalidPathException;
import dev.statelab.files.NotADirectoryException;
import dev.statelab.files.NotAFileException;
import dev.statelab.files.StoredFile;
import dev.statelab.files.UserPath;

/** MKD, RMD, DELE and the two-step rename RNFR then RNTO, whose first half waits in the session. */
final class FileCommands {

    private final FileStore store;

    FileCommands(FileStore store) {
        this.store = store;
    }

    void register(Map<String, FtpRequest.Handler> handlers) {
        handlers.put("MKD", this::mkd);
        handlers.put("XMKD", this::mkd);
        handlers.put("RMD", this::rmd);
        handlers.put("XRMD", this::rmd);
        handlers.put("DELE", this::dele);
        handlers.put("RNFR", this::rnfr);
        handlers.put("RNTO", this::rnto);
    }

    private FtpOutcome mkd(FtpRequest request) {
        UserPath path = request.path();
        store.mkdir(request.user(), path);
        return request.reply(257, NavigationCommands.quoted(path.toString()) + " created");
    }

    private FtpOutcome rmd(FtpRequest request) {
        return delete(request, true);
    }

    private FtpOutcome dele(FtpRequest request) {
        return delete(request, false);
    }

    /** RMD removes an empty folder and DELE a file; each refuses the other kind (550), as FTP servers do. */
    private FtpOutcome delete(FtpRequest request, boolean folder) {
        UserPath path = request.path();
        if (store.stat(request.user(), path).isDirectory() != folder) {
            throw folder ? new NotADirectoryException(path) : new NotAFileException(path);
        }
        store.delete(request.user(), path, false);
        return request.reply(250, folder ? "Directory " + path + " removed" : "File " + path + " deleted");
    }

    private FtpOutcome rnfr(FtpRequest request) {
        UserPath path = request.path();
        if (path.isRoot()) {
            // refused now, not after RNTO: the client must not believe a rename of its home is under way
            throw new InvalidPathException("your home folder itself cannot be renamed");
        }
        StoredFile source = store.stat(request.user(), path);
        return request.reply(request.state().withPendingRename(source.path().toString()), 350,
                "Ready to rename " + path + ": send RNTO with the new name");
    }

    private FtpOutcome rnto(FtpRequest request) {
        String pending = request.state().pendingRename();
        FtpSessionState cleared = request.state().withPendingRename(null);
        if (pending == null) {
            return request.reply(cleared, 503, "Bad sequence of commands: send RNFR first");
        }
        UserPath from = UserPath.ROOT.navigate(pending);
        UserPath to = request.path();
        store.move(request.user(), from, to, false);
        return request.reply(cleared, 250, "Renamed " + from + " to " + to);
    }
}
