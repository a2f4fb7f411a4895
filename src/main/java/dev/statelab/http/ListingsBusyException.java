package dev.statelab.http;

import java.net.URI;
import java.time.Duration;

import dev.statelab.users.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Every listing slot is taken: 503 with {@code Retry-After}, answered by Spring MVC's problem handling. */
final class ListingsBusyException extends ErrorResponseException {

    ListingsBusyException(int limit, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(limit), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    private static ProblemDetail problem(int limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The server is already listing " + limit + " folders, its limit; try again shortly.");
        problem.setType(URI.create(ProblemResponses.PROBLEM_TYPE_BASE + "listings-busy"));
        problem.setTitle("Too many listings at once");
        return problem;
    }
}
