package dev.statelab.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.statelab.files.FileStore;
import dev.statelab.files.FileStoreException;
import dev.statelab.files.ReadableFile;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.util.UriUtils;

/**
 * The short way for the most common request: a GET or HEAD of an existing file, whole or with
 * If-None-Match / If-Modified-Since. Anything else (folders, ranges, If-Match, errors of any kind) goes on
 * to {@link FilesController}, which answers it in full, so there is one place for every error and every
 * rarer case. The path is parsed here once; a request that goes on carries it to the controller
 * ({@link #parsed}).
 *
 * <p>It stands in two places. {@link #beforeSecurity} takes HTTP Basic requests ahead of the security
 * chain, whose filters cost more CPU than the rest of a 4 KiB GET: it applies what that chain applies to
 * such a request, from the same objects (the firewall and its refusal, the {@link StatelessLogin}, the
 * chain's own header writers), so the answer is the same to the byte; a request it passes on carries its
 * checked login, which the chain does not check again. {@link #afterSecurity} takes the rest (bearer
 * tokens) once the chain has authenticated them, and skips Spring MVC's dispatch only.
 */
final class DirectFileDownloads extends HttpFilter {

    /** The path as this filter parsed it, for the controller when the request goes on. */
    private static final String PARSED = DirectFileDownloads.class.getName() + ".path";
    /** Set when the short way found no file to send, so that its second place does not look again. */
    private static final String PASSED_ON = DirectFileDownloads.class.getName() + ".passed-on";

    private final FileStore store;
    private final @Nullable AheadOfTheChain ahead;

    /** What the security chain would apply to a Basic request, taken from the chain itself. */
    record AheadOfTheChain(HttpFirewall firewall, RequestRejectedHandler rejected, StatelessLogin login,
                           HeaderWriterFilter headers) {
    }

    private DirectFileDownloads(FileStore store, @Nullable AheadOfTheChain ahead) {
        this.store = store;
        this.ahead = ahead;
    }

    static DirectFileDownloads beforeSecurity(FileStore store, AheadOfTheChain chain) {
        return new DirectFileDownloads(store, chain);
    }

    static DirectFileDownloads afterSecurity(FileStore store) {
        return new DirectFileDownloads(store, null);
    }

    /** The path a GET or HEAD names: as this filter parsed it on the way in, else from Spring MVC's {@code path}. */
    static RequestedPath parsed(HttpServletRequest request, String path) {
        return request.getAttribute(PARSED) instanceof RequestedPath requested ? requested : RequestedPath.of(path);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestedPath requested = plainFileRead(request);
        if (requested == null || request.getAttribute(PASSED_ON) != null) {
            chain.doFilter(request, response);
        } else if (ahead == null) {
            afterTheChain(requested, request, response, chain);
        } else {
            boolean answered;
            try {
                answered = answeredAheadOfTheChain(ahead, requested, request, response);
            } catch (RequestRejectedException e) {
                ahead.rejected().handle(request, response, e); // as the chain's FilterChainProxy does
                return;
            }
            if (!answered) {
                chain.doFilter(request, response);
            }
        }
    }

    private void afterTheChain(RequestedPath requested, HttpServletRequest request, HttpServletResponse response,
                               FilterChain chain) throws IOException, ServletException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        ReadableFile file = user == null ? null : read(user, requested);
        if (file == null) {
            chain.doFilter(request, response);
            return;
        }
        FileDownload.send(file, request, response);
    }

    /** False when the request goes on down the chain: it carries no Basic credentials, or the file is not there to send. */
    private boolean answeredAheadOfTheChain(AheadOfTheChain ahead, RequestedPath requested, HttpServletRequest request,
                                            HttpServletResponse response) throws IOException, ServletException {
        HttpServletRequest checked = ahead.firewall().getFirewalledRequest(request);
        HttpServletResponse guarded = ahead.firewall().getFirewalledResponse(response);
        Authentication user;
        try {
            user = ahead.login().basic(checked, guarded);
        } catch (AuthenticationException e) {
            ahead.headers().doFilter(checked, guarded, (req, res) -> ahead.login().problems()
                    .commence((HttpServletRequest) req, (HttpServletResponse) res, e));
            return true;
        } catch (RequestRejectedException e) {
            // a header the firewall refuses: in the chain the header writer has done its work by the time
            // the refusal is answered, so let it, then answer as the chain does
            ahead.headers().doFilter(checked, guarded, (req, res) -> {
                throw e;
            });
            throw e;
        }
        if (user == null) {
            return false; // the chain authenticates it, and the second place may send it
        }
        ReadableFile file = read(user, requested);
        if (file == null) {
            request.setAttribute(PASSED_ON, Boolean.TRUE); // checked once: the chain finds the login kept
            return false;
        }
        ahead.headers().doFilter(checked, guarded,
                (req, res) -> FileDownload.send(file, (HttpServletRequest) req, (HttpServletResponse) res));
        return true;
    }

    private @Nullable ReadableFile read(Authentication user, RequestedPath requested) {
        try {
            return store.read(user.getName(), requested.path());
        } catch (FileStoreException e) {
            return null; // the controller answers it, with the right problem
        }
    }

    /**
     * The path of a GET or HEAD that the short way can answer (without Range, If-Match or
     * If-Unmodified-Since the outcome is always a 200 or a 304), kept for the controller; null for any
     * other request.
     */
    private static @Nullable RequestedPath plainFileRead(HttpServletRequest request) {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method))) {
            return null;
        }
        // the place after the chain finds the path as the place ahead of it parsed it
        RequestedPath requested = request.getAttribute(PARSED) instanceof RequestedPath kept ? kept : requestedPath(request);
        if (requested == null) {
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
        return requested;
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
