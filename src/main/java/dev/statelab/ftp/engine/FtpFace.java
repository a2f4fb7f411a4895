package dev.statelab.ftp.engine;

/** The three ways a client reaches the engine; the verb table says which verbs each one carries. */
public enum FtpFace {
    /** One raw command line per HTTP request ({@code POST /api/ftp/command}). */
    RAW,
    /** One HTTP endpoint per command ({@code /api/ftp/cwd}, {@code /api/ftp/retr}...). */
    ENDPOINTS,
    /** A real FTP control connection, with separate data connections. */
    PORT
}
