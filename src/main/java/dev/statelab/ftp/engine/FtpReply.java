package dev.statelab.ftp.engine;

import java.util.List;

/**
 * One FTP reply: the three-digit code, its text and, for multi-line replies (LIST, STAT, FEAT, HELP),
 * the lines between the first and the last.
 */
public record FtpReply(int code, String text, List<String> lines) {

    public FtpReply {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("FTP reply codes have three digits: " + code);
        }
        lines = List.copyOf(lines);
    }

    public static FtpReply of(int code, String text) {
        return new FtpReply(code, text, List.of());
    }

    public static FtpReply of(int code, String text, List<String> lines) {
        return new FtpReply(code, text, lines);
    }

    /** 1xx, 2xx and 3xx replies: the command was accepted. */
    public boolean isPositive() {
        return code < 400;
    }

    /** The reply as its first line would appear on an FTP control connection: {@code 226 Transfer complete}. */
    @Override
    public String toString() {
        return code + " " + text;
    }
}
