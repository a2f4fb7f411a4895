package dev.statelab.ftp.engine;

import java.util.Map;

import dev.statelab.files.FileStore;
import dev.statelab.files.NotADirectoryException;
import dev.statelab.files.StoredFile;
import dev.statelab.files.UserPath;

/** PWD, CWD and CDUP: moving the session's current directory, which is the state the server keeps. */
final class NavigationCommands {

    private final FileStore store;

    NavigationCommands(FileStore store) {
        this.store = store;
    }

    void register(Map<String, FtpRequest.Handler> handlers) {
        handlers.put("PWD", this::pwd);
        handlers.put("XPWD", this::pwd);
        handlers.put("CWD", this::cwd);
        handlers.put("XCWD", this::cwd);
        handlers.put("CDUP", this::cdup);
        handlers.put("XCUP", this::cdup);
    }

    private FtpOutcome pwd(FtpRequest request) {
        return request.reply(257, quoted(request.state().cwd()) + " is the current directory");
    }

    private FtpOutcome cwd(FtpRequest request) {
        return changeTo(request, request.path(), 250);
    }

    private FtpOutcome cdup(FtpRequest request) {
        return changeTo(request, request.cwd().parent(), 200);
    }

    private FtpOutcome changeTo(FtpRequest request, UserPath directory, int code) {
        StoredFile target = store.stat(request.user(), directory);
        if (!target.isDirectory()) {
            throw new NotADirectoryException(directory);
        }
        String cwd = directory.toString();
        return request.reply(request.state().withCwd(cwd), code, "Directory changed to " + cwd);
    }

    /** RFC 959 quotes a path in a 257 reply and doubles any quote inside it. */
    static String quoted(String path) {
        return "\"" + path.replace("\"", "\"\"") + "\"";
    }
}
