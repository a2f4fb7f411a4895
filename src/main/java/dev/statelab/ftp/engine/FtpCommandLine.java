package dev.statelab.ftp.engine;

import java.util.Locale;

/**
 * One command as the client sent it: the verb in upper case and the rest of the line as its argument
 * (empty when none), as an FTP control connection carries it.
 */
public record FtpCommandLine(String verb, String argument) {

    public FtpCommandLine {
        verb = verb.toUpperCase(Locale.ROOT);
    }

    public static FtpCommandLine of(String verb) {
        return new FtpCommandLine(verb, "");
    }

    public static FtpCommandLine of(String verb, String argument) {
        return new FtpCommandLine(verb, argument);
    }

    /**
     * Splits a raw line at the first space; one trailing CRLF or LF is allowed. The caller has already
     * checked the length.
     */
    public static FtpCommandLine parse(String line) {
        String text = line;
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        int space = text.indexOf(' ');
        return space < 0 ? new FtpCommandLine(text.trim(), "")
                : new FtpCommandLine(text.substring(0, space).trim(), text.substring(space + 1));
    }

    public boolean hasArgument() {
        return !argument.isEmpty();
    }

    /** The line as a log or STAT would show it; the password of PASS is never shown. */
    @Override
    public String toString() {
        return verb.equals("PASS") ? "PASS ****" : hasArgument() ? verb + " " + argument : verb;
    }
}
