package dev.statelab.web;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import dev.statelab.traffic.CountingInputStream;
import org.jspecify.annotations.Nullable;

/** A request whose body stream counts the bytes the application reads from it. */
class CountingRequest extends HttpServletRequestWrapper {

    private @Nullable CountingInputStream counter;
    private @Nullable ServletInputStream counted;

    CountingRequest(HttpServletRequest request) {
        super(request);
    }

    long bodyBytesRead() {
        return counter == null ? 0 : counter.count();
    }

    /** A servlet stream over the shared {@link CountingInputStream}, keeping the container's non-blocking calls. */
    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (counted == null) {
            ServletInputStream in = super.getInputStream();
            CountingInputStream counting = new CountingInputStream(in);
            counter = counting;
            counted = new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return counting.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return counting.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }
        return counted;
    }
}
