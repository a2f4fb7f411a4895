package dev.statelab.compare;

import java.util.Map;

/** A download is cut in the middle and resumed: who holds the offset? */
final class ResumeCutDownload implements ScenarioScript {

    static final int SIZE = 256 * 1024;
    static final int CUT = 64 * 1024;

    @Override
    public Map<String, byte[]> fixtures() {
        byte[] content = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        return Map.of("video/big.bin", content);
    }

    @Override
    public void play(Script script, Players p) {
        try (var step = script.step("Log in", "The FTP-style client opens a session; the stateless client "
                + "has nothing to open.")) {
            step.ftp(p.ftpA().login());
        }
        try (var step = script.step("Go into video, binary mode", "FTP: CWD and TYPE I set the current "
                + "directory and the transfer type, both kept by the server. Stateless: the URL and the bytes "
                + "say it all; no request.")) {
            step.ftp(p.ftpA().command("CWD " + p.ftp("video")));
            step.ftp(p.ftpA().command("TYPE I"));
        }
        String etag;
        try (var step = script.step("Download big.bin; the connection is cut after 64 KiB", "Both clients "
                + "stop reading after " + CUT + " bytes and drop the connection. Each now has the first part of "
                + "the file; the question is who remembers where to go on. The server cannot tell how much arrived: "
                + "it wrote into socket buffers (see bytesOut), so only the client knows the right offset.")) {
            Reply cut = step.http(p.httpA().getCut(p.http("video/big.bin"), CUT),
                    "cut after " + CUT + " bytes; the client keeps the offset and the ETag");
            etag = cut.header("ETag").orElse(null);
            step.ftp(p.ftpA().retr("big.bin", CUT), "cut after " + CUT + " bytes");
        }
        try (var step = script.step("Resume from byte " + CUT, "Stateless: the client holds the offset and "
                + "says it in the Range header (with If-Range, so a changed file comes whole): one request, "
                + "206 Partial Content. FTP: REST tells the server the offset, the server keeps it in the "
                + "session (restartOffset) and the next RETR starts there.")) {
            Reply rest = step.http(p.httpA().getFrom(p.http("video/big.bin"), CUT, etag));
            String got = rest.exchange().responseBodyBytes() + CUT == SIZE ? "the file is complete"
                    : "got " + rest.exchange().responseBodyBytes() + " bytes";
            step.ftp(p.ftpA().command("REST " + CUT));
            step.explain("Stateless: " + got + ".");
        }
        try (var step = script.step("RETR big.bin from the remembered offset", "Only FTP needs this second "
                + "request: the offset set by REST is used and cleared by the RETR that follows it.")) {
            step.ftp(p.ftpA().retr("big.bin", -1));
        }
        try (var step = script.step("Log out", "QUIT: the server forgets the session.")) {
            step.ftp(p.ftpA().quit());
        }
    }
}
