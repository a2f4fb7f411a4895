package dev.statelab.ftp.engine;

import java.io.Serial;
import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * Everything the server remembers about one FTP-style session, as one small immutable value: a command
 * that changes it hands back a new one. Strings and primitives only, so it serializes compactly into any
 * shared session store.
 *
 * @param user          the user name given with USER; null before USER
 * @param loggedIn      true once PASS succeeded
 * @param role          the account's role ({@code USER} or {@code ADMIN}); null before login
 * @param cwd           the current directory as the user sees it ({@code /} is the home)
 * @param pendingRename the path named by RNFR, waiting for RNTO; null when none
 * @param restartOffset the offset set by REST for the next transfer; 0 when none
 * @param type          {@code 'I'} (binary, the default) or {@code 'A'} (ASCII: line endings converted)
 * @param loginTime     when PASS succeeded, in epoch milliseconds; 0 before
 * @param remoteAddress the client address seen at login
 * @param commands      commands run in this session
 * @param bytesIn       bytes received by STOR and APPE
 * @param bytesOut      bytes sent by RETR
 */
public record FtpSessionState(
        @Nullable String user,
        boolean loggedIn,
        @Nullable String role,
        String cwd,
        @Nullable String pendingRename,
        long restartOffset,
        char type,
        long loginTime,
        @Nullable String remoteAddress,
        long commands,
        long bytesIn,
        long bytesOut) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final char BINARY = 'I';
    public static final char ASCII = 'A';

    /** A connection that has not sent USER yet. */
    public static FtpSessionState connected(@Nullable String remoteAddress) {
        return new FtpSessionState(null, false, null, "/", null, 0, BINARY, 0, remoteAddress, 0, 0, 0);
    }

    public boolean isAdmin() {
        return "ADMIN".equals(role);
    }

    public boolean isAscii() {
        return type == ASCII;
    }

    FtpSessionState withUser(String name) {
        return new FtpSessionState(name, false, null, "/", null, 0, type, 0, remoteAddress, commands, bytesIn, bytesOut);
    }

    FtpSessionState loggedIn(String name, String accountRole, long now) {
        return new FtpSessionState(name, true, accountRole, "/", null, 0, type, now, remoteAddress, commands, bytesIn, bytesOut);
    }

    FtpSessionState withCwd(String directory) {
        return new FtpSessionState(user, loggedIn, role, directory, pendingRename, restartOffset, type, loginTime,
                remoteAddress, commands, bytesIn, bytesOut);
    }

    FtpSessionState withPendingRename(@Nullable String path) {
        return new FtpSessionState(user, loggedIn, role, cwd, path, restartOffset, type, loginTime,
                remoteAddress, commands, bytesIn, bytesOut);
    }

    FtpSessionState withRestartOffset(long offset) {
        return new FtpSessionState(user, loggedIn, role, cwd, pendingRename, offset, type, loginTime,
                remoteAddress, commands, bytesIn, bytesOut);
    }

    FtpSessionState withType(char newType) {
        return new FtpSessionState(user, loggedIn, role, cwd, pendingRename, restartOffset, newType, loginTime,
                remoteAddress, commands, bytesIn, bytesOut);
    }

    FtpSessionState countingCommand() {
        return new FtpSessionState(user, loggedIn, role, cwd, pendingRename, restartOffset, type, loginTime,
                remoteAddress, commands + 1, bytesIn, bytesOut);
    }

    FtpSessionState plusBytesIn(long bytes) {
        return new FtpSessionState(user, loggedIn, role, cwd, pendingRename, restartOffset, type, loginTime,
                remoteAddress, commands, bytesIn + bytes, bytesOut);
    }

    /** The state after a download of {@code bytes} bytes finished (or broke off). */
    public FtpSessionState plusBytesOut(long bytes) {
        return new FtpSessionState(user, loggedIn, role, cwd, pendingRename, restartOffset, type, loginTime,
                remoteAddress, commands, bytesIn, bytesOut + bytes);
    }
}
