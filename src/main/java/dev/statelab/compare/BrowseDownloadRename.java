package dev.statelab.compare;

import java.util.LinkedHashMap;
import java.util.Map;

/** Browse into a folder, download three files, rename one. */
final class BrowseDownloadRename implements ScenarioScript {

    static final String[] FILES = {"a.txt", "b.txt", "c.txt"};

    @Override
    public Map<String, byte[]> fixtures() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            files.put("docs/" + name, ScenarioScript.text(("This is " + name + ".\n").repeat(40)));
        }
        return files;
    }

    @Override
    public void play(Script script, Players p) {
        try (var step = script.step("Log in", "The FTP-style client logs in once; the server creates a session "
                + "and hands back a token. The stateless client has nothing to do: it will send its user and "
                + "password with every request instead.")) {
            step.ftp(p.ftpA().login());
        }
        try (var step = script.step("Go into the folder docs", "FTP: CWD changes the current directory the "
                + "server keeps in the session, so later commands can say just the file name. Stateless: the "
                + "client remembers the folder itself and will put the full path in every URL; no request.")) {
            step.ftp(p.ftpA().command("CWD " + p.ftp("docs")));
        }
        try (var step = script.step("List the folder", "Both ask for the listing. The stateless request names "
                + "the folder and carries the credentials; the FTP command names nothing: the server knows "
                + "who is asking and where it stands.")) {
            step.http(p.httpA().list(p.http("docs/")));
            step.ftp(p.ftpA().command("LIST"));
        }
        for (String name : FILES) {
            try (var step = script.step("Download " + name, "Stateless: full path and credentials again, "
                    + "so any server could answer it. FTP: RETR " + name + " is resolved against the cwd the "
                    + "server remembers.")) {
                step.http(p.httpA().get(p.http("docs/" + name)));
                step.ftp(p.ftpA().retr(name, -1));
            }
        }
        try (var step = script.step("Rename, first half: RNFR a.txt", "FTP renames in two commands. After "
                + "RNFR the server holds the pending rename in the session (see pendingRename) and waits for "
                + "RNTO; anything else in between drops it. Stateless: the client knows both names; nothing "
                + "to send yet.")) {
            step.ftp(p.ftpA().command("RNFR a.txt"));
        }
        try (var step = script.step("Rename, second half: a.txt becomes a-old.txt", "Stateless: one request "
                + "names both paths, so it stands alone. FTP: RNTO completes what the server remembered.")) {
            step.http(p.httpA().move(p.http("docs/a.txt"), p.http("docs/a-old.txt")));
            step.ftp(p.ftpA().command("RNTO a-old.txt"));
        }
        try (var step = script.step("Log out", "FTP: QUIT ends the session and the server forgets the client "
                + "at once. Stateless: there is nothing to end; the client simply stops sending.")) {
            step.ftp(p.ftpA().quit());
        }
    }
}
