package dev.statelab.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import dev.statelab.traffic.CountingOutputStream;
import org.jspecify.annotations.Nullable;

/** A response whose body stream (and writer) counts the bytes the application writes. */
class CountingResponse extends HttpServletResponseWrapper {

    private @Nullable CountingOutputStream counter;
    private long declaredLength = -1;
    private @Nullable ServletOutputStream counted;
    private @Nullable PrintWriter writer;

    CountingResponse(HttpServletResponse response) {
        super(response);
    }

    long bodyBytesWritten() {
        if (writer != null) {
            writer.flush();
        }
        return counter == null ? 0 : counter.count();
    }

    /** The body length the application announced, or -1. */
    long declaredLength() {
        return declaredLength;
    }

    @Override
    public void setContentLength(int length) {
        declaredLength = length;
        super.setContentLength(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        declaredLength = length;
        super.setContentLengthLong(length);
    }

    @Override
    public void setHeader(String name, String value) {
        noteLength(name, value);
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        noteLength(name, value);
        super.addHeader(name, value);
    }

    private void noteLength(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            try {
                declaredLength = Long.parseLong(value.trim());
            } catch (NumberFormatException ignored) {
                // the container will refuse it; nothing to count
            }
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (counted == null) {
            ServletOutputStream out = super.getOutputStream();
            CountingOutputStream counting = new CountingOutputStream(out);
            counter = counting;
            // a servlet stream over the shared counting stream, keeping the container's non-blocking calls
            counted = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    counting.write(b);
                }

                @Override
                public void write(byte[] buffer, int offset, int length) throws IOException {
                    counting.write(buffer, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    out.setWriteListener(listener);
                }
            };
        }
        return counted;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            // text is encoded into the counted stream, and flushed at once so nothing waits in this writer
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding()))) {
                @Override
                public void write(int c) {
                    super.write(c);
                    flush();
                }

                @Override
                public void write(char[] buffer, int offset, int length) {
                    super.write(buffer, offset, length);
                    flush();
                }

                @Override
                public void write(String text, int offset, int length) {
                    super.write(text, offset, length);
                    flush();
                }
            };
        }
        return writer;
    }
}
