package dev.statelab.ftp.engine;

import static dev.statelab.ftp.engine.FtpFace.PORT;
import static dev.statelab.ftp.engine.FtpFace.RAW;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The one table of FTP verbs: whether each needs a login and an argument, its help line, the faces that
 * carry it out, the FEAT line it brings and whether it uses a data connection. The engine checks a
 * command against its row before the handler runs; FEAT, HELP and every face read the same rows.
 */
public final class FtpVerbs {

    private static final Set<FtpFace> ALL = EnumSet.allOf(FtpFace.class);
    private static final Set<FtpFace> RAW_AND_PORT = EnumSet.of(RAW, PORT);
    private static final Set<FtpFace> PORT_ONLY = EnumSet.of(PORT);
    private static final Set<FtpFace> NONE = EnumSet.noneOf(FtpFace.class);

    private static final Map<String, FtpVerb> TABLE;
    /**
     * The verbs whose command reaches beyond the session's state: its life (log in, quit), the files, or a
     * download's bytes. Every other command, an unknown one too, changes the session alone and may run again.
     */
    private static final Set<String> BEYOND_THE_SESSION = Set.of("USER", "PASS", "QUIT", "RETR", "STOR", "APPE",
            "DELE", "MKD", "XMKD", "RMD", "XRMD", "RNTO", "PASV", "EPSV", "PORT", "EPRT", "ABOR");

    static {
        Map<String, FtpVerb> table = new TreeMap<>();
        // name, login, argument, help, faces, feature, data
        add(table, "USER", false, true, "USER <name> (log in, step one)", RAW_AND_PORT, null, false);
        add(table, "PASS", false, false, "PASS <password> (log in, step two)", RAW_AND_PORT, null, false);
        add(table, "QUIT", false, false, "QUIT (end the session)", RAW_AND_PORT, null, false);
        add(table, "NOOP", false, false, "NOOP (do nothing, keep the session alive)", ALL, null, false);
        add(table, "FEAT", false, false, "FEAT (list extensions)", ALL, null, false);
        add(table, "HELP", false, false, "HELP [<command>] (this text)", ALL, null, false);
        add(table, "OPTS", false, true, "OPTS UTF8 ON | OPTS MLST <facts> (names are always UTF-8)", RAW_AND_PORT,
                "UTF8", false);
        add(table, "SYST", false, false, "SYST (the system type: UNIX Type: L8)", RAW_AND_PORT, null, false);
        add(table, "PWD", true, false, "PWD (print the current directory)", ALL, null, false);
        add(table, "XPWD", true, false, "XPWD (same as PWD)", RAW_AND_PORT, null, false);
        add(table, "CWD", true, true, "CWD <path> (change directory)", ALL, "TVFS", false);
        add(table, "XCWD", true, true, "XCWD <path> (same as CWD)", RAW_AND_PORT, null, false);
        add(table, "CDUP", true, false, "CDUP (go to the parent directory)", ALL, null, false);
        add(table, "XCUP", true, false, "XCUP (same as CDUP)", RAW_AND_PORT, null, false);
        add(table, "LIST", true, false, "LIST [<path>] (entries; ls -l form on the FTP port)", ALL, null, true);
        add(table, "MLSD", true, false, "MLSD [<path>] (entries with type, size, modify and perm facts)",
                RAW_AND_PORT, null, true);
        add(table, "MLST", true, false, "MLST [<path>] (one entry's facts)", RAW_AND_PORT,
                "MLST type*;size*;modify*;perm*;", false);
        add(table, "NLST", true, false, "NLST [<path>] (names only)", ALL, null, true);
        add(table, "RETR", true, true, "RETR <file> (download; resumes at a REST offset)", ALL, null, true);
        add(table, "STOR", true, true, "STOR <file> (upload, atomic; resumes at a REST offset)", ALL,
                null, true);
        add(table, "APPE", true, true, "APPE <file> (append to a file)", ALL, null, true);
        add(table, "DELE", true, true, "DELE <file> (delete a file)", ALL, null, false);
        add(table, "MKD", true, true, "MKD <path> (make a directory)", ALL, null, false);
        add(table, "XMKD", true, true, "XMKD <path> (same as MKD)", RAW_AND_PORT, null, false);
        add(table, "RMD", true, true, "RMD <path> (remove an empty directory)", ALL, null, false);
        add(table, "XRMD", true, true, "XRMD <path> (same as RMD)", RAW_AND_PORT, null, false);
        add(table, "RNFR", true, true, "RNFR <path> (rename, step one)", ALL, null, false);
        add(table, "RNTO", true, true, "RNTO <path> (rename, step two)", ALL, null, false);
        add(table, "REST", true, true, "REST <offset> (restart the next transfer at a byte offset)", ALL,
                "REST STREAM", false);
        add(table, "TYPE", true, true, "TYPE A|I|L 8 (ASCII or binary)", ALL, null, false);
        add(table, "MODE", true, true, "MODE S (stream mode, the only one)", RAW_AND_PORT, null, false);
        add(table, "STRU", true, true, "STRU F (file structure, the only one)", RAW_AND_PORT, null, false);
        add(table, "SIZE", true, true, "SIZE <file> (size in bytes)", ALL, "SIZE", false);
        add(table, "MDTM", true, true, "MDTM <file> (modification time, YYYYMMDDHHMMSS UTC)", ALL, "MDTM", false);
        add(table, "STAT", true, false, "STAT [<path>] (session state, or a path's status)", ALL, null, false);
        add(table, "PASV", true, false, "PASV (passive data connection, IPv4)", PORT_ONLY, null, false);
        add(table, "EPSV", true, false, "EPSV [ALL] (extended passive data connection)", PORT_ONLY, "EPSV", false);
        add(table, "PORT", true, true, "PORT h1,h2,h3,h4,p1,p2 (active data connection, when enabled)", PORT_ONLY,
                null, false);
        add(table, "EPRT", true, true, "EPRT |1|address|port| (extended active data connection, when enabled)",
                PORT_ONLY, null, false);
        add(table, "ABOR", true, false, "ABOR (abort the transfer under way)", PORT_ONLY, null, false);
        for (String known : List.of("LPRT", "LPSV", "ACCT", "ALLO", "STOU", "SMNT", "REIN", "SITE", "AUTH", "PBSZ",
                "PROT", "LANG", "CCC", "ADAT", "MIC", "CONF", "ENC", "HOST")) {
            add(table, known, false, false, known + " (not implemented)", NONE, null, false);
        }
        TABLE = Collections.unmodifiableMap(new LinkedHashMap<>(table));
    }

    private FtpVerbs() {
    }

    private static void add(Map<String, FtpVerb> table, String name, boolean login, boolean argument, String help,
                            Set<FtpFace> faces, @Nullable String feature, boolean data) {
        table.put(name, new FtpVerb(name, login, argument, help, faces, feature, data));
    }

    /** The row of a verb (upper case), or null for a verb FTP does not know. */
    public static @Nullable FtpVerb find(String verb) {
        return TABLE.get(verb);
    }

    /**
     * True when a command of this verb (upper case) changes nothing but its session's state and replies
     * without a download: running it a second time, on a fresher state, is safe.
     */
    public static boolean onlyTouchesTheSession(String verb) {
        return !BEYOND_THE_SESSION.contains(verb);
    }

    public static Collection<FtpVerb> all() {
        return TABLE.values();
    }

    /** The FEAT lines for one face, each starting with a space as RFC 2389 asks. */
    public static List<String> features(FtpFace face) {
        return TABLE.values().stream().filter(verb -> verb.feature() != null && verb.implementedOn(face))
                .map(verb -> " " + verb.feature()).sorted().toList();
    }

    /** The HELP lines for one face. */
    public static List<String> helpLines(FtpFace face) {
        List<String> lines = new ArrayList<>();
        TABLE.values().stream().filter(verb -> verb.implementedOn(face)).forEach(verb -> lines.add(" " + verb.help()));
        return lines;
    }
}
