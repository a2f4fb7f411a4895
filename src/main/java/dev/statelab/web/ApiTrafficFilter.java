package dev.statelab.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

    private final Map<String, Counters> counters;

    public ApiTrafficFilter(MeterRegistry registry) {
        this.counters = Map.of("http", new Counters(registry, "http"), "ftp", new Counters(registry, "ftp"));
    }

    private record Counters(Counter requests, Counter in, Counter out) {
        Counters(MeterRegistry registry, String api) {
            this(Counter.builder("statelab.requests").description("Requests received, by API")
                            .tag("api", api).register(registry),
                    bytes(registry, api, "in"), bytes(registry, api, "out"));
        }

        private static Counter bytes(MeterRegistry registry, String api, String direction) {
            return Counter.builder("statelab.bytes").baseUnit("bytes")
                    .description("Bytes on the wire by API and direction (see the README for what is counted)")
                    .tags("api", api, "direction", direction).register(registry);
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
        CountingRequest countedRequest = new CountingRequest(request);
        CountingResponse countedResponse = new CountingResponse(response);
        try {
            chain.doFilter(countedRequest, countedResponse);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(api, countedRequest, countedResponse);
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
                record(api, countedRequest, countedResponse);
            }
        }
    }

    private void record(String api, CountingRequest request, CountingResponse response) {
        Counters meters = counters.get(api);
        meters.requests().increment();
        meters.in().increment(requestBytes(request));
        meters.out().increment(responseBytes(request, response));
    }

    static long requestBytes(CountingRequest request) {
        String target = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        long bytes = utf8(request.getMethod() + " " + target + " " + request.getProtocol()) + CRLF;
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                bytes += utf8(name) + 2 + utf8(value) + CRLF;
            }
        }
        return bytes + CRLF + Math.max(request.bodyBytesRead(), Math.max(0, request.getContentLengthLong()));
    }

    static long responseBytes(HttpServletRequest request, CountingResponse response) {
        long bytes = utf8("HTTP/1.1 " + response.getStatus() + " ") + CRLF;
        boolean contentType = false;
        boolean chunked = false;
        for (String name : response.getHeaderNames()) {
            contentType |= name.equalsIgnoreCase("Content-Type");
            for (String value : response.getHeaders(name)) {
                bytes += utf8(name) + 2 + utf8(value) + CRLF;
                chunked |= name.equalsIgnoreCase("Transfer-Encoding") && value.contains("chunked");
            }
        }
        if (!contentType && response.getContentType() != null) {
            bytes += utf8("Content-Type: " + response.getContentType()) + CRLF;
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
                : utf8("Content-Length: " + length) + CRLF;
    }

    /** Chunk headers and trailers, reckoned as one chunk per 8 KiB buffer, plus the last chunk. */
    private static long chunkFraming(long body) {
        long chunks = (body + CHUNK - 1) / CHUNK;
        return chunks * (Long.toHexString(Math.min(body, CHUNK)).length() + 2L * CRLF) + 5;
    }

    /** Tomcat's sendfile moves the body without the output stream; its range is in request attributes. */
    private static long sendfileBytes(HttpServletRequest request) {
        if (request.getAttribute("org.apache.tomcat.sendfile.filename") == null) {
            return 0;
        }
        Object start = request.getAttribute("org.apache.tomcat.sendfile.start");
        Object end = request.getAttribute("org.apache.tomcat.sendfile.end");
        return start instanceof Long s && end instanceof Long e ? Math.max(0, e - s) : 0;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
