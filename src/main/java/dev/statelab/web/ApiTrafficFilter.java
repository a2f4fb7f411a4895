package dev.statelab.web;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.statelab.traffic.TrafficMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts requests and bytes per file API: {@code statelab.requests{api}} and
 * {@code statelab.bytes{api,direction}}, with {@code api} = {@code http} for {@code /api/http/**} and
 * {@code ftp} for {@code /api/ftp/**} (the relay counts its own frames under the same names).
 *
 * <p>What is counted, since a servlet never sees the raw bytes: in = the request line, every request
 * header as {@code Name: value\r\n}, the blank line, and the body (the bytes the application read, or the
 * announced {@code Content-Length} when larger, because an unread body still crossed the wire); out = the
 * status line, every header the response carries when it leaves the filter (a response already sent
 * carries all of them, {@code Date} and {@code Transfer-Encoding} included; for one still held whole, the
 * {@code Date} and {@code Content-Length} the container will add are reckoned in), the blank line, the body
 * bytes written (or handed to sendfile) and, for a chunked body, its chunk framing reckoned as one chunk
 * per 8 KiB. Not counted: a {@code Connection}/{@code Keep-Alive} header the container adds to a response
 * held whole (at most about 45 bytes) and the exact chunk boundaries of large bodies.
 */
public class ApiTrafficFilter extends OncePerRequestFilter {

    private static final int CRLF = 2;
    private static final long CHUNK = 8192;
    /** {@code Date: Wed, 25 Nov 2026 10:00:00 GMT} CRLF, which Tomcat adds to every response. */
    private static final long DATE_HEADER = 37;
    /** {@code HTTP/1.1 }, before the status code. */
    private static final long STATUS_LINE_START = 9;
    private static final long CONTENT_TYPE_PREFIX = "Content-Type: ".length();
    private static final long CONTENT_LENGTH_PREFIX = "Content-Length: ".length();

    private final Map<String, Counters> counters;

    public ApiTrafficFilter(MeterRegistry registry) {
        this.counters = Map.of("http", new Counters(registry, "http"), "ftp", new Counters(registry, "ftp"));
    }

    private record Counters(Counter requests, Counter in, Counter out) {
        Counters(MeterRegistry registry, String api) {
            this(TrafficMeters.requests(registry, api),
                    TrafficMeters.bytes(registry, api, "in"), TrafficMeters.bytes(registry, api, "out"));
        }
    }

    /** The API a request path belongs to, or null when it is none of the file APIs. */
    static @Nullable String apiOf(String path) {
        if (path.startsWith("/api/http/") || path.equals("/api/http")) {
            return "http";
        }
        if (path.startsWith("/api/ftp/") || path.equals("/api/ftp")) {
            return "ftp";
        }
        return null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return apiOf(request.getRequestURI()) == null;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String api = apiOf(request.getRequestURI());
        Counters meters = api == null ? null : counters.get(api);
        if (meters == null) {
            // shouldNotFilter keeps every other path out: nothing to count should one get here all the same
            chain.doFilter(request, response);
            return;
        }
        CountingRequest countedRequest = new CountingRequest(request);
        CountingResponse countedResponse = new CountingResponse(response);
        try {
            chain.doFilter(countedRequest, countedResponse);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(meters, countedRequest, countedResponse);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                record(meters, countedRequest, countedResponse);
            }
        }
    }

    private void record(Counters meters, CountingRequest request, CountingResponse response) {
        meters.requests().increment();
        meters.in().increment(requestBytes(request));
        meters.out().increment(responseBytes(request, response));
    }

    // counted on every request, so without building the strings whose length it adds up
    static long requestBytes(CountingRequest request) {
        String query = request.getQueryString();
        long bytes = utf8(request.getMethod()) + 1 + utf8(request.getRequestURI()) + (query == null ? 0 : 1 + utf8(query))
                + 1 + utf8(request.getProtocol()) + CRLF;
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            long nameBytes = utf8(name) + 2 + CRLF;
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                bytes += nameBytes + utf8(values.nextElement());
            }
        }
        return bytes + CRLF + Math.max(request.bodyBytesRead(), Math.max(0, request.getContentLengthLong()));
    }

    static long responseBytes(HttpServletRequest request, CountingResponse response) {
        long bytes = STATUS_LINE_START + digits(response.getStatus()) + 1 + CRLF;
        boolean contentType = false;
        boolean chunked = false;
        for (String name : response.getHeaderNames()) {
            contentType |= name.equalsIgnoreCase("Content-Type");
            boolean transferEncoding = name.equalsIgnoreCase("Transfer-Encoding");
            long nameBytes = utf8(name) + 2 + CRLF;
            for (String value : response.getHeaders(name)) {
                bytes += nameBytes + utf8(value);
                chunked |= transferEncoding && value.contains("chunked");
            }
        }
        String type = response.getContentType();
        if (!contentType && type != null) {
            bytes += CONTENT_TYPE_PREFIX + utf8(type) + CRLF;
        }
        long body = response.bodyBytesWritten() + sendfileBytes(request);
        if (!response.isCommitted()) {
            // the container writes the headers after this filter: it will add these
            bytes += DATE_HEADER + length(request, response, body);
        } else if (chunked) {
            bytes += chunkFraming(body);
        }
        return bytes + CRLF + body;
    }

    /** The Content-Length the container adds to a response still held whole when the filter sees it. */
    private static long length(HttpServletRequest request, CountingResponse response, long body) {
        int status = response.getStatus();
        if (status == 204 || status == 304 || status < 200 || response.getHeader("Content-Length") != null) {
            return 0;
        }
        long length = response.declaredLength() >= 0 ? response.declaredLength() : body;
        return "HEAD".equals(request.getMethod()) && response.declaredLength() < 0 ? 0
                : CONTENT_LENGTH_PREFIX + digits(length) + CRLF;
    }

    /** Chunk headers and trailers, reckoned as one chunk per 8 KiB buffer, plus the last chunk. */
    private static long chunkFraming(long body) {
        long chunks = (body + CHUNK - 1) / CHUNK;
        return chunks * (hexDigits(Math.min(body, CHUNK)) + 2L * CRLF) + 5;
    }

    /** Tomcat's sendfile moves the body without the output stream; its range is in request attributes. */
    private static long sendfileBytes(HttpServletRequest request) {
        if (request.getAttribute(TomcatSendfile.FILENAME) == null) {
            return 0;
        }
        Object start = request.getAttribute(TomcatSendfile.START);
        Object end = request.getAttribute(TomcatSendfile.END);
        return start instanceof Long s && end instanceof Long e ? Math.max(0, e - s) : 0;
    }

    /** The length of {@code text} in UTF-8, without encoding it. */
    static long utf8(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // four bytes for the two chars of a pair
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                } // a lone surrogate is encoded as one '?'
            }
        }
        return bytes;
    }

    private static int digits(long value) {
        int digits = value < 0 ? 2 : 1;
        for (long rest = Math.abs(value); rest >= 10; rest /= 10) {
            digits++;
        }
        return digits;
    }

    private static int hexDigits(long value) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 3) / 4);
    }
}
