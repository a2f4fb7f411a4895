package dev.statelab.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The rules for a request body the service will not read: a refused request closes its connection
 * rather than reading the body to throw it away, and a form or multipart body is never taken where the
 * raw bytes of a file are expected (the container would read it as parameters and the file would arrive
 * empty).
 */
public final class UnreadBody {

    private UnreadBody() {
    }

    /** Whether the request announces a body (a length above zero, or chunked). */
    public static boolean announced(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** Before answering a refusal: close the connection if a body may still be on its way. */
    public static void closeIfPending(HttpServletRequest request, HttpServletResponse response) {
        if (announced(request)) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
    }

    /** A form or multipart content type, which is never a file's raw bytes here. */
    public static boolean isForm(@Nullable String contentType) {
        return contentType != null && (contentType.regionMatches(true, 0, "multipart/", 0, 10)
                || contentType.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
                MediaType.APPLICATION_FORM_URLENCODED_VALUE.length()));
    }
}
