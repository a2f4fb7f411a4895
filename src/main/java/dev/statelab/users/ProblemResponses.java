package dev.statelab.users;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.statelab.web.ProblemWriter;
import dev.statelab.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Spring Security refuses before any controller runs (401 and 403), as the same problem bodies
 * {@link Problems} builds for every other error.
 */
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** Kept for callers written before {@link Problems}; the same value as {@link Problems#TYPE_BASE}. */
    public static final String PROBLEM_TYPE_BASE = Problems.TYPE_BASE;

    private final ProblemWriter writer;
    private final String challenge;
    private final String unauthenticatedDetail;

    /**
     * @param challenge             the {@code WWW-Authenticate} value sent with a 401
     * @param unauthenticatedDetail what the client must send, in words
     */
    public ProblemResponses(JsonMapper json, String challenge, String unauthenticatedDetail) {
        this.writer = new ProblemWriter(json);
        this.challenge = challenge;
        this.unauthenticatedDetail = unauthenticatedDetail;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        if (exception instanceof LockedOutException locked) {
            // no challenge: a browser would only prompt again; the body is not read, so close
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(locked.retryAfterSeconds()));
            response.setHeader(HttpHeaders.CONNECTION, "close");
            write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "locked-out", "Too many failed logins",
                    "Too many failed password checks for this user or from this address: try again in "
                            + locked.retryAfterSeconds() + " seconds."));
            return;
        }
        response.setHeader("WWW-Authenticate", challenge);
        write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", unauthenticatedDetail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Your account may not do this.");
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                      String type, String detail) throws IOException {
        write(request, response, Problems.of(status, type, status.getReasonPhrase(), detail));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        writer.write(request, response, problem);
    }
}
