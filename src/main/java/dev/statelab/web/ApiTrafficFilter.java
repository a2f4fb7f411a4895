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
 * status line, every header the response carries when it leaves the filter (plus {@code Content-Type} and
 * {@code Content-Length}), the blank line, and the body bytes written (or handed to sendfile). Headers the
 * container adds while committing ({@code Date}, {@code Keep-Alive}, {@code Transfer-Encoding}) and chunk
 * framing are not counted: a few dozen bytes per response.
 */
public class ApiTrafficFilter extends OncePerRequestFilter {

    private static final int CRLF = 2;

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
        boolean contentLength = false;
        for (String name : response.getHeaderNames()) {
            contentType |= name.equalsIgnoreCase("Content-Type");
            contentLength |= name.equalsIgnoreCase("Content-Length");
            for (String value : response.getHeaders(name)) {
                bytes += utf8(name) + 2 + utf8(value) + CRLF;
            }
        }
        if (!contentType && response.getContentType() != null) {
            bytes += utf8("Content-Type: " + response.getContentType()) + CRLF;
        }
        long body = response.bodyBytesWritten() + sendfileBytes(request);
        if (!contentLength && !"HEAD".equals(request.getMethod())) {
            bytes += utf8("Content-Length: " + body) + CRLF;
        }
        return bytes + CRLF + body;
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
