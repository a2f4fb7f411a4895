package dev.statelab.ftp.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The whole session state in words, as STAT without an argument answers it. */
public final class SessionStatus {

    private SessionStatus() {
    }

    public static FtpReply reply(FtpSessionState state) {
        return FtpReply.of(211, "Status of this session", lines(state));
    }

    public static List<String> lines(FtpSessionState state) {
        List<String> lines = new ArrayList<>();
        lines.add(state.loggedIn() ? "Logged in as " + state.user() + " (" + state.role() + ")"
                : state.user() == null ? "Not logged in" : "Waiting for the password of " + state.user());
        if (state.loggedIn()) {
            lines.add("Logged in at " + Instant.ofEpochMilli(state.loginTime()));
        }
        lines.add("Connected from " + (state.remoteAddress() == null ? "an unknown address" : state.remoteAddress()));
        lines.add("Current directory: " + state.cwd());
        lines.add("Pending rename: " + (state.pendingRename() == null ? "none" : state.pendingRename()));
        lines.add("Restart offset: " + state.restartOffset());
        lines.add("Type: " + (state.isAscii() ? "A (ASCII, line endings converted)" : "I (binary)"));
        lines.add("Commands: " + state.commands() + ", bytes in: " + state.bytesIn() + ", bytes out: " + state.bytesOut());
        return lines;
    }
}
