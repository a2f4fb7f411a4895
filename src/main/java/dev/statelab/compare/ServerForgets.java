package dev.statelab.compare;

import java.util.Map;

/** Halfway through, the server drops every FTP-style session, as a restart with in-memory sessions would. */
final class ServerForgets implements ScenarioScript {

    static final int OFFSET = 100;

    @Override
    public Map<String, byte[]> fixtures() {
        return new BrowseDownloadRename().fixtures();
    }

    @Override
    public void play(Script script, Players p) {
        try (var step = script.step("Log in and go into docs", "The FTP-style session now remembers the "
                + "client and its cwd.")) {
            step.ftp(p.ftpA().login());
            step.ftp(p.ftpA().command("CWD " + p.ftp("docs")));
        }
        try (var step = script.step("Start a rename: RNFR a.txt", "The server holds the pending rename. "
                + "The stateless client holds it in its own memory: no request.")) {
            step.ftp(p.ftpA().command("RNFR a.txt"));
        }
        Players.Peer peer = p.peer();
        if (peer != null) {
            try (var step = script.step("Another process takes the next request (" + peer.url() + ")", p.redis()
                    ? "With statelab.store=redis the session is not in this process: another one (or this one "
                    + "after a restart) finds it in Redis, cwd and pending rename included."
                    : "With sessions in memory another process (or this one after a restart) has never heard of "
                    + "the token.")) {
                SecondInstance.onPeer(script, peer, () -> step.ftp(p.ftpA().commandOn(peer.wire(), "PWD"),
                        p.redis() ? "a restart survives" : "unknown token there"));
            }
        } else if (p.redis()) {
            script.note("Sessions live in Redis here (statelab.store=redis), so a restart keeps them; only an admin's "
                    + "forget, as below, ends them, on every instance. Set statelab.compare.peer-url to see another "
                    + "process answer with the same session.");
        }
        try (var step = script.step("The server forgets", "An admin drops every FTP-style session, which is "
                + "what a restart does when sessions live in memory (or what happens when the next request "
                + "reaches another instance). No file is touched: only session state goes.")) {
            var calls = p.forgetAllSessions();
            step.server(calls.get(0), "the admin logs in (not counted on either side)");
            step.server(calls.get(1), "every FTP-style session is dropped, the admin's own included");
        }
        try (var step = script.step("Finish the rename", "Stateless: the request carries everything, so it "
                + "works as if nothing happened. FTP: the token names a session that no longer exists: the "
                + "client must log in again.")) {
            step.http(p.httpA().move(p.http("docs/a.txt"), p.http("docs/a-old.txt")), "carries on");
            step.ftp(p.ftpA().command("RNTO a-old.txt"), "session gone: must log in again");
        }
        try (var step = script.step("FTP: log in again", "A new session starts empty.")) {
            step.ftp(p.ftpA().login());
        }
        try (var step = script.step("FTP: where am I?", "PWD shows the home folder: the cwd was lost with "
                + "the session.")) {
            step.ftp(p.ftpA().command("PWD"), "cwd lost");
        }
        try (var step = script.step("FTP: RNTO again", "503: the pending rename was lost too; the client "
                + "must start the rename over, after going back into docs.")) {
            step.ftp(p.ftpA().command("RNTO a-old.txt"), "pending rename lost");
        }
        try (var step = script.step("Resume a download at byte " + OFFSET, "Stateless: Range names the offset, "
                + "206, carries on. FTP: the offset would have been in the session; after a new login the "
                + "client must go back (CWD), say REST again and RETR.")) {
            step.http(p.httpA().getFrom(p.http("docs/b.txt"), OFFSET, null), "carries on");
            step.ftp(p.ftpA().command("CWD " + p.ftp("docs")));
            step.ftp(p.ftpA().command("REST " + OFFSET));
            step.ftp(p.ftpA().retr("b.txt", -1));
        }
        try (var step = script.step("Log out", "QUIT ends the new session.")) {
            step.ftp(p.ftpA().quit());
        }
    }
}
