package dev.statelab.ftp.engine;

import java.io.Serial;
import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * Everything the server remembers about one FTP session, as one small immutable value made of three
 * smaller ones: who is logged in, where the session stands, and what it has done so far. A command that
 * changes it hands back a new one. Strings and primitives only, so it serializes compactly into any
 * shared session store, and it is equally at home in a control connection's field.
 *
 * @param login    the user, role and address
 * @param position the current directory and what the next command depends on (RNFR, REST, TYPE)
 * @param counters commands and bytes so far
 */
public record FtpSessionState(Login login, Position position, Counters counters) implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    public static final char BINARY = 'I';
    public static final char ASCII = 'A';

    /**
     * @param user          the user name given with USER; null before USER
     * @param loggedIn      true once PASS succeeded
     * @param role          the account's role ({@code USER} or {@code ADMIN}); null before login
     * @param loginTime     when PASS succeeded, in epoch milliseconds; 0 before
     * @param remoteAddress the client address seen when the session began
     */
    public record Login(@Nullable String user, boolean loggedIn, @Nullable String role, long loginTime,
                        @Nullable String remoteAddress) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param cwd           the current directory as the user sees it ({@code /} is the home)
     * @param pendingRename the path named by RNFR, waiting for RNTO; null when none
     * @param restartOffset the offset set by REST for the next transfer; 0 when none
     * @param type          {@code 'I'} (binary, the default) or {@code 'A'} (ASCII: line endings converted)
     */
    public record Position(String cwd, @Nullable String pendingRename, long restartOffset, char type)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        static final Position START = new Position("/", null, 0, BINARY);

        Position withCwd(String directory) {
            return new Position(directory, pendingRename, restartOffset, type);
        }

        Position withPendingRename(@Nullable String path) {
            return new Position(cwd, path, restartOffset, type);
        }

        Position withRestartOffset(long offset) {
            return new Position(cwd, pendingRename, offset, type);
        }

        Position withType(char newType) {
            return new Position(cwd, pendingRename, restartOffset, newType);
        }
    }

    /**
     * @param commands commands run in this session
     * @param bytesIn  bytes received by STOR and APPE
     * @param bytesOut bytes sent by RETR
     */
    public record Counters(long commands, long bytesIn, long bytesOut) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** A connection that has not sent USER yet. */
    public static FtpSessionState connected(@Nullable String remoteAddress) {
        return new FtpSessionState(new Login(null, false, null, 0, remoteAddress), Position.START,
                new Counters(0, 0, 0));
    }

    public @Nullable String user() {
        return login.user();
    }

    public boolean loggedIn() {
        return login.loggedIn();
    }

    public @Nullable String role() {
        return login.role();
    }

    public long loginTime() {
        return login.loginTime();
    }

    public @Nullable String remoteAddress() {
        return login.remoteAddress();
    }

    public String cwd() {
        return position.cwd();
    }

    public @Nullable String pendingRename() {
        return position.pendingRename();
    }

    public long restartOffset() {
        return position.restartOffset();
    }

    public char type() {
        return position.type();
    }

    public long commands() {
        return counters.commands();
    }

    public long bytesIn() {
        return counters.bytesIn();
    }

    public long bytesOut() {
        return counters.bytesOut();
    }

    public boolean isAdmin() {
        return "ADMIN".equals(login.role());
    }

    public boolean isAscii() {
        return position.type() == ASCII;
    }

    /** USER: a new name waits for its password; the directory starts again at the home. */
    FtpSessionState withUser(String name) {
        return new FtpSessionState(new Login(name, false, null, 0, login.remoteAddress()),
                Position.START.withType(position.type()), counters);
    }

    FtpSessionState loggedIn(String name, String accountRole, long now) {
        return new FtpSessionState(new Login(name, true, accountRole, now, login.remoteAddress()),
                Position.START.withType(position.type()), counters);
    }

    FtpSessionState withCwd(String directory) {
        return new FtpSessionState(login, position.withCwd(directory), counters);
    }

    FtpSessionState withPendingRename(@Nullable String path) {
        return new FtpSessionState(login, position.withPendingRename(path), counters);
    }

    FtpSessionState withRestartOffset(long offset) {
        return new FtpSessionState(login, position.withRestartOffset(offset), counters);
    }

    FtpSessionState withType(char newType) {
        return new FtpSessionState(login, position.withType(newType), counters);
    }

    FtpSessionState countingCommand() {
        return new FtpSessionState(login, position,
                new Counters(counters.commands() + 1, counters.bytesIn(), counters.bytesOut()));
    }

    /** The state after an upload of {@code bytes} bytes arrived. */
    public FtpSessionState plusBytesIn(long bytes) {
        return new FtpSessionState(login, position,
                new Counters(counters.commands(), counters.bytesIn() + bytes, counters.bytesOut()));
    }

    /** The state after a download of {@code bytes} bytes finished (or broke off). */
    public FtpSessionState plusBytesOut(long bytes) {
        return new FtpSessionState(login, position,
                new Counters(counters.commands(), counters.bytesIn(), counters.bytesOut() + bytes));
    }
}
