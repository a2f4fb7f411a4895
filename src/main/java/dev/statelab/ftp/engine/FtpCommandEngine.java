package dev.statelab.ftp.engine;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import dev.statelab.files.FileStore;
import dev.statelab.files.FileStoreException;
import dev.statelab.files.UserPath;
import org.jspecify.annotations.Nullable;

/**
 * Runs FTP commands (RFC 959, RFC 3659) against the file store. The session state goes in and a new one
 * comes out with the reply; the engine keeps nothing itself, so whoever holds the state (a session store
 * behind HTTP, or a control connection) decides where it lives.
 *
 * <p>Rules every command shares live here, read from the one verb table ({@link FtpVerbs}): unknown (500)
 * and unimplemented (502, also a verb another face carries) commands, the login gate (530), a missing
 * argument (501), overlong paths (501, before the store is touched), and that any command other than
 * RNTO forgets a pending RNFR.
 */
public final class FtpCommandEngine {

    private final Map<String, FtpRequest.Handler> handlers = new HashMap<>();

    public FtpCommandEngine(FileStore store, FtpAuthenticator authenticator, Clock clock) {
        new SessionCommands(authenticator, clock).register(handlers);
        new NavigationCommands(store).register(handlers);
        new ListingCommands(store, clock).register(handlers);
        new FileCommands(store).register(handlers);
        new TransferCommands(store).register(handlers);
    }

    /**
     * Runs one command as the raw HTTP face carries it.
     *
     * @param upload the bytes of a STOR or APPE, or null when the command carries none
     */
    public FtpOutcome execute(FtpSessionState state, FtpCommandLine line, @Nullable FtpUpload upload) {
        return execute(FtpFace.RAW, state, line, upload);
    }

    /**
     * Runs one command arriving through {@code face}.
     *
     * @param upload the bytes of a STOR or APPE, or null when the command carries none
     */
    public FtpOutcome execute(FtpFace face, FtpSessionState state, FtpCommandLine line, @Nullable FtpUpload upload) {
        FtpAdmission admission = admit(face, state, line);
        String verb = line.verb();
        FtpSessionState next = admission.state();
        if (admission.refusal() != null) {
            return FtpOutcome.stay(admission.refusal().code() == 501 ? usedUp(next, verb) : next, admission.refusal());
        }
        FtpRequest.Handler handler = handlers.get(verb);
        if (handler == null) {
            // the face carries this verb itself (PASV, EPSV, PORT, EPRT and ABOR on a control connection)
            return FtpOutcome.stay(next, 502, verb + " is not implemented here");
        }
        try {
            return handler.handle(new FtpRequest(face, next, line, upload));
        } catch (FileStoreException | java.io.UncheckedIOException e) {
            return FtpOutcome.stay(usedUp(next, verb), FtpErrors.reply(e));
        }
    }

    /**
     * Checks a command against the verb table, as every command is checked before it runs; a face that
     * carries a verb itself (PASV on a control connection) calls this first.
     */
    public FtpAdmission admit(FtpFace face, FtpSessionState state, FtpCommandLine line) {
        String verb = line.verb();
        FtpSessionState next = state.countingCommand();
        if (!verb.equals("RNTO") && next.pendingRename() != null) {
            next = next.withPendingRename(null);
        }
        if (verb.isEmpty()) {
            return new FtpAdmission(next, FtpReply.of(500, "Syntax error: empty command line"));
        }
        FtpVerb row = FtpVerbs.find(verb);
        if (row == null) {
            return new FtpAdmission(next, FtpReply.of(500, "Syntax error, command unrecognized: " + printable(verb)));
        }
        if (!row.implementedOn(face)) {
            return new FtpAdmission(next, FtpReply.of(502, verb + " is not implemented here"));
        }
        if (row.needsLogin() && !next.loggedIn()) {
            return new FtpAdmission(next, FtpReply.of(530, "Not logged in: send USER and PASS first"));
        }
        if (row.needsArgument() && !line.hasArgument()) {
            return new FtpAdmission(next, FtpReply.of(501, "Syntax error in parameters: " + verb
                    + " needs an argument (" + row.help() + ")"));
        }
        if (line.argument().length() > UserPath.MAX_PATH_LENGTH) {
            return new FtpAdmission(next, FtpReply.of(501, "Syntax error in parameters: longer than "
                    + UserPath.MAX_PATH_LENGTH + " characters"));
        }
        if (line.argument().indexOf('\r') >= 0 || line.argument().indexOf('\n') >= 0) {
            return new FtpAdmission(next, FtpReply.of(501, "Syntax error in parameters: one command per line"));
        }
        return new FtpAdmission(next, null);
    }

    /** A failed RNTO, RETR or STOR still uses up the pending rename and the restart offset. */
    private static FtpSessionState usedUp(FtpSessionState state, String verb) {
        FtpSessionState failed = state.withPendingRename(null);
        if (verb.equals("RETR") || verb.equals("STOR") || verb.equals("APPE")) {
            failed = failed.withRestartOffset(0);
        }
        return failed;
    }

    /** A command as the client typed it, cut short and stripped of control characters, for an error text. */
    private static String printable(String verb) {
        String cut = verb.length() > 20 ? verb.substring(0, 20) + "…" : verb;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
