package dev.statelab.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * The one factory for RFC 9457 problem bodies: every error of the service, whichever layer says no
 * (a servlet filter, Spring Security, a controller, the error page), is built here, so its {@code type}
 * is always {@code urn:statelab:problem:<slug>} and its shape the same. {@link ProblemWriter} sends one
 * where no controller runs.
 */
public final class Problems {

    public static final String TYPE_BASE = "urn:statelab:problem:";

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /** The problem for a bare status, typed {@code http-<status>}, as Spring MVC's own errors are. */
    public static ProblemDetail forStatus(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type("http-" + status.value()));
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    public static ResponseEntity<ProblemDetail> response(HttpStatusCode status, String slug, String title, String detail) {
        return response(of(status, slug, title, detail));
    }

    /** For a controller to throw; mapped by Spring MVC as it stands. */
    public static ErrorResponseException exception(HttpStatusCode status, String slug, String title, String detail) {
        return new ErrorResponseException(status, of(status, slug, title, detail), null);
    }
}
