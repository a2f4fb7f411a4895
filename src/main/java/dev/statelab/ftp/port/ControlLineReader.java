package dev.statelab.ftp.port;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads command lines from a control connection: UTF-8 (RFC 2640), ended by LF or CRLF, with Telnet
 * commands taken out (RFC 959 runs over Telnet: a client sends {@code IAC IP IAC DM} before ABOR, the DM
 * as urgent data, which arrives inline here). A line longer than the limit is read to its end and
 * dropped. A read timeout leaves the half-read line in place, so reading can go on afterwards.
 */
final class ControlLineReader {

    private static final int IAC = 255;
    private static final int WILL = 251;
    private static final int DONT = 254;

    private final InputStream in;
    private final int maxLength;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean overlong;
    /** 0: plain bytes; 1: after IAC; 2: after IAC WILL/WONT/DO/DONT, the option byte comes next. */
    private int telnet;
    private long bytesRead;

    ControlLineReader(InputStream in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line without its line end, or null when the client closed the connection. */
    @Nullable String readLine() throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            bytesRead++;
            if (telnet == 1) {
                telnet = b >= WILL && b <= DONT ? 2 : 0;
                if (b == IAC) {
                    append(b);
                }
                continue;
            }
            if (telnet == 2) {
                telnet = 0;
                continue;
            }
            if (b == IAC) {
                telnet = 1;
                continue;
            }
            if (b == '\n') {
                return finish();
            }
            append(b);
        }
    }

    /** Bytes read since the last call. */
    long takeBytesRead() {
        long read = bytesRead;
        bytesRead = 0;
        return read;
    }

    private void append(int b) {
        if (line.size() >= maxLength) {
            overlong = true;
        } else {
            line.write(b);
        }
    }

    private String finish() throws LineTooLongException {
        byte[] bytes = line.toByteArray();
        line.reset();
        if (overlong) {
            overlong = false;
            throw new LineTooLongException(maxLength);
        }
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** A line beyond the limit arrived; it has been read to its end and dropped. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int limit) {
            super("command line longer than " + limit + " bytes");
        }
    }
}
