package dev.statelab.http;

import java.net.URI;

import dev.statelab.users.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A Range outside the file: 416 with {@code Content-Range: bytes *}{@code /size}, answered by Spring MVC's problem handling. */
final class RangeNotSatisfiableException extends ErrorResponseException {

    RangeNotSatisfiableException(long size) {
        super(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, problem(size), null);
        getHeaders().set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
    }

    private static ProblemDetail problem(long size) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                "The range lies outside the file, which is " + size + " bytes long.");
        problem.setType(URI.create(ProblemResponses.PROBLEM_TYPE_BASE + "range-not-satisfiable"));
        problem.setTitle("Range not satisfiable");
        return problem;
    }
}
