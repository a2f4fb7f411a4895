package dev.statelab.compare;

/**
 * Everyone taking part in a run: one or two clients per side, the admin (for server-side actions), and
 * the scratch folder each side works in ({@code <scratch>/http} and {@code <scratch>/ftp}, each with the
 * same files).
 */
record Players(String scratch, StatelessClient httpA, StatelessClient httpB, FtpClient ftpA, FtpClient ftpB,
               WireClient wire, String adminAuthorization) {

    /** A path of the stateless side, relative to the home (no leading slash). */
    String http(String path) {
        return scratch + "/http/" + path;
    }

    /** An absolute path of the FTP-style side, as a CWD argument. */
    String ftp(String path) {
        return "/" + scratch + "/ftp/" + path;
    }

    /** The admin drops every FTP-style session, as a restart with in-memory sessions would. */
    Reply forgetAllSessions() {
        return wire.send(new Call("admin", "DELETE", "/api/ftp/sessions").header("Authorization", adminAuthorization));
    }
}
