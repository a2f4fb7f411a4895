package dev.statelab.compare;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Log in on this instance, then send the same requests to another one ({@code statelab.compare.peer-url}):
 * the stateless request works there as it is; the FTP-style token works there only when the sessions live
 * in a shared store (Redis: 257), not when they live in this process's memory (401).
 */
final class SecondInstance implements ScenarioScript {

    static final String NEEDS_PEER = "No second instance is configured. Start one over the same storage root "
            + "and accounts (and, to share sessions, the same Redis with statelab.store=redis), then set "
            + "statelab.compare.peer-url=http://host:port on this one.";

    @Override
    public Map<String, byte[]> fixtures() {
        return new BrowseDownloadRename().fixtures();
    }

    @Override
    public void play(Script script, Players p) {
        try (var step = script.step("On this instance: list docs, log in and go into docs", "The stateless "
                + "request carries everything; the FTP-style session now holds the client and its cwd.")) {
            step.http(p.httpA().list(p.http("docs")));
            step.ftp(p.ftpA().login());
            step.ftp(p.ftpA().command("CWD " + p.ftp("docs")));
        }
        Players.Peer peer = p.peer();
        if (peer == null) {
            try (var step = script.step("The same requests on a second instance", NEEDS_PEER)) {
                script.note(NEEDS_PEER);
            }
        } else {
            String outcome = p.redis()
                    ? "The sessions live in Redis, shared by every instance: the token names the same session there, cwd included (257)."
                    : "The sessions live in the memory of this instance: the other one has never heard of the token (401).";
            try (var step = script.step("The same requests on the second instance (" + peer.url() + ")",
                    "The stateless request works there as it is. " + outcome)) {
                onPeer(script, peer, () -> step.http(peer.http().list(p.http("docs")), "another process, same answer"));
                onPeer(script, peer, () -> step.ftp(p.ftpA().commandOn(peer.wire(), "PWD"),
                        p.redis() ? "same session, read from Redis" : "unknown token there"));
            }
        }
        try (var step = script.step("Log out", "QUIT on this instance ends the session"
                + (p.redis() ? " on every instance." : "."))) {
            step.ftp(p.ftpA().quit());
        }
    }

    /** A peer that does not answer is reported in the run, not as a failed run. */
    static void onPeer(Script script, Players.Peer peer, Supplier<Reply> call) {
        try {
            call.get();
        } catch (UncheckedIOException noAnswer) {
            script.note("The second instance at " + peer.url() + " did not answer.");
        }
    }
}
