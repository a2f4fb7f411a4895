package dev.statelab.ftp.engine;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.statelab.files.FileStore;
import dev.statelab.files.FileStoreException;
import dev.statelab.files.UserPath;
import org.jspecify.annotations.Nullable;

/**
 * Runs FTP commands (RFC 959, RFC 3659) against the file store. The session state goes in and a new one
 * comes out with the reply; the engine keeps nothing itself, so whoever holds the state (a session store
 * behind HTTP, or a control connection) decides where it lives.
 *
 * <p>Rules every command shares live here: the login gate (530), unknown (500) and unimplemented (502)
 * commands, overlong paths (501, before the store is touched), and that any command other than RNTO
 * forgets a pending RNFR.
 */
public final class FtpCommandEngine {

    /** Commands a client may send before it has logged in. */
    private static final Set<String> OPEN_BEFORE_LOGIN = Set.of("USER", "PASS", "QUIT", "NOOP", "FEAT", "HELP", "OPTS");

    /** FTP commands this server knows but does not carry out: data connections are the HTTP body here. */
    private static final Set<String> NOT_IMPLEMENTED = Set.of("PORT", "PASV", "EPRT", "EPSV", "LPRT", "LPSV",
            "ABOR", "ACCT", "ALLO", "MODE", "STRU", "STOU", "SMNT", "REIN", "SITE", "SYST", "AUTH", "PBSZ",
            "PROT", "LANG", "CCC", "ADAT", "MIC", "CONF", "ENC", "HOST");

    private final Map<String, FtpRequest.Handler> handlers = new HashMap<>();

    public FtpCommandEngine(FileStore store, FtpAuthenticator authenticator, Clock clock) {
        new SessionCommands(authenticator, clock).register(handlers);
        new NavigationCommands(store).register(handlers);
        new ListingCommands(store).register(handlers);
        new FileCommands(store).register(handlers);
        new TransferCommands(store).register(handlers);
    }

    /**
     * Runs one command.
     *
     * @param upload the bytes of a STOR or APPE, or null when the command carries none
     */
    public FtpOutcome execute(FtpSessionState state, FtpCommandLine line, @Nullable FtpUpload upload) {
        String verb = line.verb();
        FtpSessionState next = state.countingCommand();
        if (!verb.equals("RNTO") && next.pendingRename() != null) {
            next = next.withPendingRename(null);
        }
        if (verb.isEmpty()) {
            return FtpOutcome.stay(next, 500, "Syntax error: empty command line");
        }
        FtpRequest.Handler handler = handlers.get(verb);
        if (handler == null) {
            return NOT_IMPLEMENTED.contains(verb)
                    ? FtpOutcome.stay(next, 502, verb + " is not implemented here")
                    : FtpOutcome.stay(next, 500, "Syntax error, command unrecognized: " + printable(verb));
        }
        if (!next.loggedIn() && !OPEN_BEFORE_LOGIN.contains(verb)) {
            return FtpOutcome.stay(next, 530, "Not logged in: send USER and PASS first");
        }
        if (line.argument().length() > UserPath.MAX_PATH_LENGTH) {
            return FtpOutcome.stay(next, 501, "Syntax error in parameters: longer than "
                    + UserPath.MAX_PATH_LENGTH + " characters");
        }
        if (line.argument().indexOf('\r') >= 0 || line.argument().indexOf('\n') >= 0) {
            return FtpOutcome.stay(next, 501, "Syntax error in parameters: one command per line");
        }
        try {
            return handler.handle(new FtpRequest(next, line, upload));
        } catch (FileStoreException | java.io.UncheckedIOException e) {
            // a failed RNTO, RETR or STOR still uses up the pending rename and the restart offset
            FtpSessionState failed = next.withPendingRename(null);
            if (verb.equals("RETR") || verb.equals("STOR") || verb.equals("APPE")) {
                failed = failed.withRestartOffset(0);
            }
            return FtpOutcome.stay(failed, FtpErrors.reply(e));
        }
    }

    /** A command as the client typed it, cut short and stripped of control characters, for an error text. */
    private static String printable(String verb) {
        String cut = verb.length() > 20 ? verb.substring(0, 20) + "…" : verb;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
