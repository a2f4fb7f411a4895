package dev.statelab.compare;

import java.util.Map;

/** Two clients read the same file, both edit it, both save: the lost update. */
final class TwoClientsEdit implements ScenarioScript {

    static final String FILE = "shared/notes.txt";

    @Override
    public Map<String, byte[]> fixtures() {
        return Map.of(FILE, ScenarioScript.text("Shopping list\n- bread\n"));
    }

    @Override
    public int clientsPerSide() {
        return 2;
    }

    @Override
    public void play(Script script, Players p) {
        try (var step = script.step("Both clients log in", "Two FTP-style sessions, one per client; "
                + "the server now holds two records. The stateless clients have nothing to open.")) {
            step.ftp(p.ftpA().login());
            step.ftp(p.ftpB().login());
        }
        try (var step = script.step("Both go into shared", "FTP: each session keeps its own cwd.")) {
            step.ftp(p.ftpA().command("CWD " + p.ftp("shared")));
            step.ftp(p.ftpB().command("CWD " + p.ftp("shared")));
        }
        String etagA;
        String etagB;
        try (var step = script.step("Both read notes.txt", "Stateless: each client keeps the ETag of the "
                + "version it read; that is its own memory of the file. FTP: RETR gives the bytes and nothing "
                + "to compare later.")) {
            etagA = step.http(p.httpA().get(p.http(FILE)), "keeps the ETag").header("ETag").orElse("\"?\"");
            etagB = step.http(p.httpB().get(p.http(FILE)), "keeps the ETag").header("ETag").orElse("\"?\"");
            step.ftp(p.ftpA().retr("notes.txt", -1));
            step.ftp(p.ftpB().retr("notes.txt", -1));
        }
        byte[] editA = ScenarioScript.text("Shopping list\n- bread\n- milk (added by A)\n");
        byte[] editB = ScenarioScript.text("Shopping list\n- bread\n- eggs (added by B)\n");
        try (var step = script.step("Client A saves its edit", "Stateless: PUT with If-Match: the ETag A read; "
                + "the file has not changed since, so the write succeeds and the ETag changes. FTP: STOR "
                + "replaces the file; there is no way to say which version it was based on.")) {
            step.http(p.httpA().put(p.http(FILE), editA, etagA));
            step.ftp(p.ftpA().stor("notes.txt", editA));
        }
        try (var step = script.step("Client B saves its edit, made on the old version", "Stateless: B's "
                + "If-Match names the version it read, which is gone: 412 Precondition Failed, nothing is "
                + "overwritten, and B knows to read again and merge. FTP: the later STOR silently wins and "
                + "A's line is lost; neither client is told.")) {
            step.http(p.httpB().put(p.http(FILE), editB, etagB), "refused: B must re-read and merge");
            step.ftp(p.ftpB().stor("notes.txt", editB), "accepted: A's edit is overwritten");
        }
        try (var step = script.step("Read notes.txt again", "What is on the server now?")) {
            Reply http = step.http(p.httpA().get(p.http(FILE)));
            Reply ftp = step.ftp(p.ftpA().retr("notes.txt", -1));
            step.explain("Stateless: " + verdict(http.text()) + " FTP: " + verdict(ftp.text()));
        }
        try (var step = script.step("Both log out", "QUIT ends both sessions.")) {
            step.ftp(p.ftpA().quit());
            step.ftp(p.ftpB().quit());
        }
    }

    private static String verdict(String content) {
        if (content.contains("milk") && !content.contains("eggs")) {
            return "A's edit is there; B was refused and lost nothing either.";
        }
        if (content.contains("eggs") && !content.contains("milk")) {
            return "B's edit replaced A's: A's line is gone (a lost update).";
        }
        return "the file holds something else.";
    }
}
