package dev.statelab.http;

import java.net.URI;

import dev.statelab.users.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Problem bodies this API answers itself, in the same shape as every other error of the service. */
final class HttpProblems {

    private HttpProblems() {
    }

    static ResponseEntity<ProblemDetail> response(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ProblemResponses.PROBLEM_TYPE_BASE + slug));
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
