package dev.statelab.ftp.engine;

import java.util.Objects;

import dev.statelab.files.UserPath;
import org.jspecify.annotations.Nullable;

/** One command on its way through a handler, with the state it runs in. */
record FtpRequest(FtpFace face, FtpSessionState state, FtpCommandLine line, @Nullable FtpUpload upload) {

    String argument() {
        return line.argument();
    }

    /** The logged-in user; handlers run after the engine checked the login. */
    String user() {
        return Objects.requireNonNull(state.user());
    }

    UserPath cwd() {
        return UserPath.ROOT.navigate(state.cwd());
    }

    /** The argument as a path relative to the current directory; {@code ..} stops at the home. */
    UserPath path() {
        return cwd().navigate(argument());
    }

    /** The argument's path, or the current directory when there is none (LIST, NLST). */
    UserPath pathOrCwd() {
        return line.hasArgument() ? path() : cwd();
    }

    FtpOutcome reply(int code, String text) {
        return FtpOutcome.stay(state, code, text);
    }

    FtpOutcome reply(FtpSessionState next, int code, String text) {
        return FtpOutcome.stay(next, code, text);
    }

    @FunctionalInterface
    interface Handler {
        FtpOutcome handle(FtpRequest request);
    }
}
