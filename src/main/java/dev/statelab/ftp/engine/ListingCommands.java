package dev.statelab.ftp.engine;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import dev.statelab.files.FileStore;
import dev.statelab.files.NotAFileException;
import dev.statelab.files.StoredFile;
import dev.statelab.files.UserPath;

/** LIST, NLST, SIZE, MDTM and STAT: what the client may learn about files and about its session. */
final class ListingCommands {

    /** RFC 3659's time-val: {@code YYYYMMDDHHMMSS} in UTC. */
    static final DateTimeFormatter TIME_VAL = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final FileStore store;
    private final Clock clock;

    ListingCommands(FileStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void register(Map<String, FtpRequest.Handler> handlers) {
        handlers.put("LIST", this::list);
        handlers.put("MLSD", this::list);
        handlers.put("MLST", this::mlst);
        handlers.put("NLST", this::nlst);
        handlers.put("SIZE", this::size);
        handlers.put("MDTM", this::mdtm);
        handlers.put("STAT", this::stat);
    }

    private FtpOutcome list(FtpRequest request) {
        UserPath path = listed(request);
        boolean lsForm = request.face() == FtpFace.PORT && request.line().verb().equals("LIST");
        List<StoredFile> entries = entries(request.user(), path);
        List<String> lines = lsForm ? LsLines.of(entries, request.user(), clock.instant())
                : entries.stream().map(ListingCommands::facts).toList();
        return new FtpOutcome(FtpReply.of(226, "Listing of " + path + ": " + lines.size() + " entries", lines),
                request.state(), FtpOutcome.Effect.STAY, null);
    }

    /** RFC 3659 MLST: one entry's facts on the control connection, named by its whole path (250). */
    private FtpOutcome mlst(FtpRequest request) {
        UserPath path = request.pathOrCwd();
        StoredFile entry = store.stat(request.user(), path);
        return new FtpOutcome(FtpReply.of(250, "Listing " + path, List.of(" " + facts(entry, path.toString()))),
                request.state(), FtpOutcome.Effect.STAY, null);
    }

    private FtpOutcome nlst(FtpRequest request) {
        UserPath path = listed(request);
        List<String> names = entries(request.user(), path).stream().map(StoredFile::name).toList();
        return new FtpOutcome(FtpReply.of(226, "Names in " + path + ": " + names.size(), names),
                request.state(), FtpOutcome.Effect.STAY, null);
    }

    private FtpOutcome size(FtpRequest request) {
        if (request.state().isAscii()) {
            // the size in ASCII would need the whole file read to count line endings (RFC 3659 section 4)
            return request.reply(550, "SIZE is not allowed in ASCII mode: send TYPE I first");
        }
        return request.reply(213, Long.toString(file(request).size()));
    }

    private FtpOutcome mdtm(FtpRequest request) {
        return request.reply(213, TIME_VAL.format(file(request).modified()));
    }

    /** Without an argument the whole session state (211); with one, that path's listing (213), as RFC 959 says. */
    private FtpOutcome stat(FtpRequest request) {
        if (!request.line().hasArgument()) {
            return new FtpOutcome(SessionStatus.reply(request.state()), request.state(), FtpOutcome.Effect.STAY, null);
        }
        UserPath path = request.path();
        List<String> lines = entries(request.user(), path).stream().map(ListingCommands::facts).toList();
        return new FtpOutcome(FtpReply.of(213, "Status of " + path, lines), request.state(), FtpOutcome.Effect.STAY, null);
    }

    /**
     * The path LIST or NLST names. Clients send {@code ls} options ({@code LIST -la}, {@code LIST -a dir})
     * that RFC 959 does not know; they are skipped, as most servers do.
     */
    private static UserPath listed(FtpRequest request) {
        String argument = request.argument();
        while (argument.startsWith("-")) {
            int space = argument.indexOf(' ');
            argument = space < 0 ? "" : argument.substring(space + 1).stripLeading();
        }
        return argument.isEmpty() ? request.cwd() : request.cwd().navigate(argument);
    }

    private StoredFile file(FtpRequest request) {
        UserPath path = request.path();
        StoredFile file = store.stat(request.user(), path);
        if (file.isDirectory()) {
            throw new NotAFileException(path);
        }
        return file;
    }

    /** A folder's entries, or the one entry for a file, as FTP's LIST of a file name does. */
    private List<StoredFile> entries(String user, UserPath path) {
        StoredFile target = store.stat(user, path);
        return target.isDirectory() ? store.list(user, path) : List.of(target);
    }

    /** An RFC 3659 MLSD line: {@code type=file;size=12;modify=20261124100000;perm=adfrw; a.txt}. */
    static String facts(StoredFile file) {
        return facts(file, file.name());
    }

    private static String facts(StoredFile file, String name) {
        String time = TIME_VAL.format(file.modified());
        return file.isDirectory()
                ? "type=dir;modify=" + time + ";perm=cdeflmp; " + name
                : "type=file;size=" + file.size() + ";modify=" + time + ";perm=adfrw; " + name;
    }
}
