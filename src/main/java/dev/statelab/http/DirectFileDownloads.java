package dev.statelab.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.statelab.files.FileStore;
import dev.statelab.files.FileStoreException;
import dev.statelab.files.ReadableFile;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * The short way for the most common request: an authenticated GET or HEAD of an existing file, whole
 * or with If-None-Match / If-Modified-Since. It runs after the security chain and answers without going
 * through Spring MVC's dispatch, which cost about as much CPU as the rest of a 4 KiB request. Anything
 * else (folders, ranges, If-Match, errors of any kind) goes on to {@link FilesController}, which answers
 * it in full, so there is one place for every error and every rarer case. The path is parsed here once;
 * a GET or HEAD that goes on carries it to the controller ({@link #parsed}).
 */
final class DirectFileDownloads extends OncePerRequestFilter {

    /** The path as this filter parsed it, for the controller when the request goes on. */
    private static final String PARSED = DirectFileDownloads.class.getName() + ".path";

    private final FileStore store;

    DirectFileDownloads(FileStore store) {
        this.store = store;
    }

    /** The path a GET or HEAD names: as this filter parsed it on the way in, else from Spring MVC's {@code path}. */
    static RequestedPath parsed(HttpServletRequest request, String path) {
        return request.getAttribute(PARSED) instanceof RequestedPath requested ? requested : RequestedPath.of(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ReadableFile file = plainFileRead(request);
        if (file == null) {
            chain.doFilter(request, response);
            return;
        }
        // without Range, If-Match or If-Unmodified-Since the outcome is always a 200 or a 304
        FileDownload.send(file, request, response);
    }

    private @Nullable ReadableFile plainFileRead(HttpServletRequest request) {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method))) {
            return null;
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        RequestedPath requested = requestedPath(request);
        if (user == null || requested == null) {
            return null;
        }
        request.setAttribute(PARSED, requested);
        if (requested.folder()
                || request.getHeader(HttpHeaders.RANGE) != null
                || request.getHeader(HttpHeaders.IF_MATCH) != null
                || request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE) != null
                || request.getQueryString() != null) {
            return null;
        }
        try {
            return store.read(user.getName(), requested.path());
        } catch (FileStoreException e) {
            return null; // the controller answers it, with the right problem
        }
    }

    /**
     * The path below the API's prefix, decoded once as Spring MVC would; null when it cannot be parsed
     * (the controller then refuses it) or holds a ';', which Spring MVC reads as the start of path
     * parameters.
     */
    private static @Nullable RequestedPath requestedPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int start = request.getContextPath().length() + EncodedSlashes.FILES_PREFIX.length();
        if (uri.length() <= start || uri.indexOf(';', start) >= 0) {
            return null;
        }
        try {
            return RequestedPath.of(UriUtils.decode(uri.substring(start), StandardCharsets.UTF_8));
        } catch (FileStoreException | IllegalArgumentException e) {
            return null;
        }
    }
}
