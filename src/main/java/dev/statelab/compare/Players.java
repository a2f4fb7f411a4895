package dev.statelab.compare;

import org.jspecify.annotations.Nullable;

/**
 * Everyone taking part in a run: one or two clients per side, the admin (for server-side actions), and
 * the scratch folder each side works in ({@code <scratch>/http} and {@code <scratch>/ftp}, each with the
 * same files).
 */
record Players(String scratch, StatelessClient httpA, StatelessClient httpB, FtpSessionClient ftpA,
               FtpSessionClient ftpB, FtpSessionClient admin, @Nullable Peer peer, String store) {

    /**
     * Another instance ({@code statelab.compare.peer-url}) over the same storage root and accounts.
     *
     * @param http the stateless client, sending the same credentials there
     */
    record Peer(String url, WireClient wire, StatelessClient http) {
    }

    boolean redis() {
        return "redis".equals(store);
    }

    /** A path of the stateless side, relative to the home (no leading slash). */
    String http(String path) {
        return scratch + "/http/" + path;
    }

    /** An absolute path of the FTP-style side, as a CWD argument. */
    String ftp(String path) {
        return "/" + scratch + "/ftp/" + path;
    }

    /** The admin logs in and drops every FTP-style session, as a restart with in-memory sessions would. */
    java.util.List<Reply> forgetAllSessions() {
        return java.util.List.of(admin.login(), admin.forgetAllSessions());
    }
}
