package dev.statelab.ftp;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.jspecify.annotations.Nullable;

/**
 * A response whose flushes wait until the command's session is saved: a reply that fits the container's
 * buffer leaves only when the request ends, after the save and the release of the lease, so a client
 * never sees a reply whose changes were refused (a lost lease answers 409 instead) and a save costs no
 * round trip of its own. A reply larger than the buffer (a download, a long listing) is committed by the
 * container when the buffer fills; from then on flushes pass, and its save comes at the end, as for any
 * stream.
 */
final class HeldReply extends HttpServletResponseWrapper {

    private @Nullable ServletOutputStream stream;
    private @Nullable PrintWriter writer;

    HeldReply(HttpServletResponse response) {
        super(response);
    }

    private boolean started() {
        return getResponse().isCommitted();
    }

    @Override
    public void flushBuffer() throws IOException {
        if (started()) {
            super.flushBuffer();
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new HeldStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(super.getWriter()) {
                @Override
                public void flush() {
                    if (started()) {
                        super.flush();
                    }
                }

                @Override
                public void close() {
                    // the container closes it when the request ends
                    flush();
                }
            };
        }
        return writer;
    }

    private final class HeldStream extends ServletOutputStream {

        private final ServletOutputStream out;

        HeldStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            if (started()) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            // the container closes it when the request ends
            flush();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
