package dev.statelab.ftp.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One line of syntax per command, for HELP. */
final class CommandHelp {

    static final Map<String, String> SYNTAX = new TreeMap<>(Map.ofEntries(
            Map.entry("USER", "USER <name> (log in, step one)"),
            Map.entry("PASS", "PASS <password> (log in, step two)"),
            Map.entry("QUIT", "QUIT (end the session)"),
            Map.entry("PWD", "PWD (print the current directory)"),
            Map.entry("CWD", "CWD <path> (change directory)"),
            Map.entry("CDUP", "CDUP (go to the parent directory)"),
            Map.entry("LIST", "LIST [<path>] (entries with type, size, modify and perm facts)"),
            Map.entry("MLSD", "MLSD [<path>] (same as LIST)"),
            Map.entry("MLST", "MLST [<path>] (one entry's facts)"),
            Map.entry("NLST", "NLST [<path>] (names only)"),
            Map.entry("RETR", "RETR <file> (download; resumes at a REST offset)"),
            Map.entry("STOR", "STOR <file> (upload, atomic)"),
            Map.entry("APPE", "APPE <file> (append to a file)"),
            Map.entry("DELE", "DELE <file> (delete a file)"),
            Map.entry("MKD", "MKD <path> (make a directory)"),
            Map.entry("RMD", "RMD <path> (remove an empty directory)"),
            Map.entry("RNFR", "RNFR <path> (rename, step one)"),
            Map.entry("RNTO", "RNTO <path> (rename, step two)"),
            Map.entry("REST", "REST <offset> (restart the next transfer at a byte offset)"),
            Map.entry("TYPE", "TYPE A|I (ASCII or binary)"),
            Map.entry("SIZE", "SIZE <file> (size in bytes)"),
            Map.entry("MDTM", "MDTM <file> (modification time, YYYYMMDDHHMMSS UTC)"),
            Map.entry("STAT", "STAT [<path>] (session state, or a path's status)"),
            Map.entry("OPTS", "OPTS UTF8 ON (names are always UTF-8)"),
            Map.entry("NOOP", "NOOP (do nothing, keep the session alive)"),
            Map.entry("FEAT", "FEAT (list extensions)"),
            Map.entry("HELP", "HELP [<command>] (this text)")));

    private CommandHelp() {
    }

    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        SYNTAX.values().forEach(syntax -> lines.add(" " + syntax));
        return lines;
    }
}
