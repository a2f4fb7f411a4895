package dev.statelab.ftp.engine;

import org.jspecify.annotations.Nullable;

/**
 * What a command did: its reply, the session state from now on, what the connection must do about the
 * session itself, and, for RETR, the file to send before the reply counts as final.
 */
public record FtpOutcome(FtpReply reply, FtpSessionState state, Effect effect, @Nullable FtpDownload download) {

    /** What happens to the session beyond replacing its state. */
    public enum Effect {
        /** Keep the session (if there is one) with the new state. */
        STAY,
        /** USER was accepted: the connection needs a place to keep the pending user until PASS. */
        OPEN,
        /** PASS succeeded: start a new session (a new id, never the one used before login). */
        LOGIN,
        /** QUIT: forget the session. */
        CLOSE
    }

    static FtpOutcome stay(FtpSessionState state, FtpReply reply) {
        return new FtpOutcome(reply, state, Effect.STAY, null);
    }

    static FtpOutcome stay(FtpSessionState state, int code, String text) {
        return stay(state, FtpReply.of(code, text));
    }
}
