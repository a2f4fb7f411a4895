package dev.statelab.ftp.engine;

import org.jspecify.annotations.Nullable;

/**
 * A command checked against the verb table before anything runs: the state it runs in (the command
 * counted, a pending RNFR forgotten unless it is RNTO), and the refusal reply when it may not run.
 */
public record FtpAdmission(FtpSessionState state, @Nullable FtpReply refusal) {

    public boolean admitted() {
        return refusal == null;
    }
}
