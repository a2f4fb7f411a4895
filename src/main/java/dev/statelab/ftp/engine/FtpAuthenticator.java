package dev.statelab.ftp.engine;

import org.jspecify.annotations.Nullable;

/** Checks a user and password for PASS; the engine only knows the answer. */
public interface FtpAuthenticator {

    Result login(String user, String password, @Nullable String remoteAddress);

    /** The outcome of a login attempt. */
    sealed interface Result {
    }

    /** The password is right and the account may open one more session. */
    record Accepted(String user, String role) implements Result {
    }

    /** The login is refused with this reply (530 wrong password, 421 locked out or too many sessions). */
    record Refused(FtpReply reply) implements Result {
    }
}
