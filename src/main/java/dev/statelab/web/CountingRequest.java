package dev.statelab.web;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request whose body stream counts the bytes the application reads from it. */
class CountingRequest extends HttpServletRequestWrapper {

    private long read;
    private ServletInputStream counted;

    CountingRequest(HttpServletRequest request) {
        super(request);
    }

    long bodyBytesRead() {
        return read;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (counted == null) {
            ServletInputStream in = super.getInputStream();
            counted = new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        CountingRequest.this.read++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        CountingRequest.this.read += n;
                    }
                    return n;
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
