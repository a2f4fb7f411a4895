package dev.statelab.ftp.engine;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * TYPE A line endings, streamed: the network form is CRLF, the stored form LF. A CRLF already in a stored
 * file is sent unchanged (not doubled) and a lone CR is kept.
 */
final class AsciiConversion {

    private AsciiConversion() {
    }

    /** For RETR: every LF not already preceded by CR goes out as CRLF. */
    static OutputStream toNetwork(OutputStream out) {
        return new FilterOutputStream(out) {
            private int previous = -1;

            @Override
            public void write(int b) throws IOException {
                if (b == '\n' && previous != '\r') {
                    out.write('\r');
                }
                out.write(b);
                previous = b;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                int start = offset;
                for (int i = offset; i < offset + length; i++) {
                    byte b = bytes[i];
                    if (b == '\n' && (i > offset ? bytes[i - 1] : previous) != '\r') {
                        out.write(bytes, start, i - start);
                        out.write('\r');
                        start = i;
                    }
                }
                out.write(bytes, start, offset + length - start);
                if (length > 0) {
                    previous = bytes[offset + length - 1];
                }
            }
        };
    }

    /** For STOR and APPE: every CRLF is stored as LF. */
    static InputStream fromNetwork(InputStream in) {
        return new CrlfToLf(in);
    }

    private static final class CrlfToLf extends FilterInputStream {

        private final byte[] chunk = new byte[8192];
        private int pos;
        private int end;

        CrlfToLf(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int written = offset;
            while (written < offset + length) {
                if (pos == end) {
                    if (written > offset || !refill(0)) {
                        break;
                    }
                }
                byte c = chunk[pos];
                if (c == '\r' && pos + 1 == end) {
                    if (written > offset) {
                        break;
                    }
                    // a CR at the end of what arrived: look at the next byte before deciding
                    chunk[0] = '\r';
                    if (!refill(1)) {
                        target[written++] = '\r';
                        pos = end = 0;
                        break;
                    }
                    continue;
                }
                if (c == '\r' && chunk[pos + 1] == '\n') {
                    pos++;
                    continue;
                }
                target[written++] = c;
                pos++;
            }
            return written == offset ? -1 : written - offset;
        }

        /** Reads more after the first {@code kept} bytes of the chunk; false at the end of the stream. */
        private boolean refill(int kept) throws IOException {
            int n;
            do {
                n = in.read(chunk, kept, chunk.length - kept);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            end = kept + n;
            return true;
        }
    }
}
