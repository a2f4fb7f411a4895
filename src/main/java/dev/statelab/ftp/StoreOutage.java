package dev.statelab.ftp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.store.LeaseLostException;
import dev.statelab.store.SessionBusyException;
import dev.statelab.store.SessionGoneException;
import dev.statelab.store.StoreUnavailableException;
import dev.statelab.users.ProblemResponses;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter of {@code /api/ftp/*}: when the shared session store cannot be reached the
 * request cannot see or keep its session, so it answers 503 problem+json
 * ({@code urn:statelab:problem:session-store-unavailable}) at once, with {@code Retry-After}, rather than a
 * 500 with a trace. A save whose lease was lost answers 503 FTP-style (HTTP 409): nothing was saved. A
 * request that started from this instance's copy of its session and then needed the lease answers as if
 * it had waited for the lease from the start: 409 when it did not come, 401 when the session was gone.
 */
final class StoreOutage extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(StoreOutage.class);
    static final String TYPE = "session-store-unavailable";

    private final SessionRefusal refusal;
    private final FtpResponses responses;
    private final ProblemResponses problems;

    StoreOutage(SessionRefusal refusal, FtpResponses responses) {
        this.refusal = refusal;
        this.responses = responses;
        this.problems = refusal.problems();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            RuntimeException cause = storeFailure(e);
            if (cause == null) {
                throw e;
            }
            if (response.isCommitted()) {
                log.warn("The session store failed after the response had started: {}", cause.getMessage());
                return;
            }
            response.reset();
            if (cause instanceof SessionBusyException) {
                responses.busy(response);
                return;
            }
            if (cause instanceof SessionGoneException gone) {
                refusal.refuse(request, response, gone.sessionId());
                return;
            }
            if (cause instanceof LeaseLostException) {
                problems.write(request, response, HttpStatus.CONFLICT, "session-lease-lost",
                        "503 This command ran longer than its session's lease and another command of the session "
                                + "took over: its changes to the session were not saved. Send it again.");
                return;
            }
            log.info("FTP-style request refused: the session store is unreachable ({})", cause.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, TYPE,
                    "The FTP-style API keeps its sessions in a shared store that cannot be reached right now, so "
                            + "no session can be read or kept. Try again shortly. The stateless API at "
                            + "/api/http/files needs no shared store and keeps working.");
        }
    }

    private static @Nullable RuntimeException storeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof LeaseLostException
                    || t instanceof SessionBusyException || t instanceof SessionGoneException) {
                return (RuntimeException) t;
            }
        }
        return null;
    }
}
