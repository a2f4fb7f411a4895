package dev.statelab.ftp;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.ftp.engine.FtpFace;
import dev.statelab.ftp.engine.FtpVerb;
import dev.statelab.ftp.engine.FtpVerbs;
import dev.statelab.store.SessionLeases;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs the requests of one session one after the other, as an FTP control connection does. A request
 * works on its own copy of the session and saves all of it when it ends, so two at once would lose
 * the changes of the one that ends first: a CWD sent during a long RETR would be undone when the
 * download ends. A request that finds another of its session running waits for it a little, then is
 * refused with 503 rather than left to lose its work. It sits outside Spring Session's filter, so the
 * whole load, command and save happens inside. With a shared store the local turn comes first (so
 * requests of one instance queue without a round trip) and then the session's lease in the store, which
 * requests on other instances queue for the same way. The reply is held ({@link HeldReply}) until the
 * lease is given back, because a shared store writes the session's save with the release. A request that
 * is one command which may run again starts without the store's lease, from this instance's copy of the
 * session ({@link SessionLeases#acquireOptimistically}): {@link FtpExchange} settles it.
 */
final class OneCommandPerSession extends OncePerRequestFilter {

    private static final String PREFIX = "/api/ftp/";
    private static final String RAW_LINE = "command";

    private final ConcurrentMap<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final FtpResponses responses;
    private final SessionLeases leases;
    private final Duration wait;

    OneCommandPerSession(FtpResponses responses, SessionLeases leases, Duration wait) {
        this.responses = responses;
        this.leases = leases;
        this.wait = wait;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(FtpResponses.TOKEN_HEADER);
        if (token == null || token.isBlank() || token.length() > FtpResponses.MAX_TOKEN_LENGTH) {
            chain.doFilter(request, response);
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (!enter(token, mine)) {
            responses.busy(response);
            return;
        }
        try {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            SessionLeases.Lease lease = mayStartOptimistically(request) ? leases.acquireOptimistically(token, left)
                    : leases.acquire(token, left);
            if (lease == null) {
                responses.busy(response);
                return;
            }
            try (lease) {
                chain.doFilter(request, new HeldReply(response));
            }
        } finally {
            running.remove(token, mine);
            mine.complete(null);
        }
    }

    /**
     * Requests that are one command through {@link FtpExchange#run}, which may run it again: the raw line
     * (a verb that reaches beyond the session confirms its lease there first), and the endpoints, each
     * named after its verb, of the verbs that touch only the session. Every other request (login, the
     * session's own endpoints, the admin's) takes the lease before it sees the session.
     */
    static boolean mayStartOptimistically(HttpServletRequest request) {
        String path = request.getServletPath();
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String name = path.substring(PREFIX.length());
        if (RAW_LINE.equals(name)) {
            return true;
        }
        FtpVerb verb = FtpVerbs.find(name.toUpperCase(Locale.ROOT));
        return verb != null && verb.name().toLowerCase(Locale.ROOT).equals(name) && verb.implementedOn(FtpFace.ENDPOINTS)
                && FtpVerbs.onlyTouchesTheSession(verb.name());
    }

    /** Takes the session's turn, waiting up to {@code wait} for a running request; false when it did not come. */
    private boolean enter(String token, CompletableFuture<Void> mine) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            CompletableFuture<Void> other = running.putIfAbsent(token, mine);
            if (other == null) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                other.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                // never completed exceptionally; try again
            }
        }
    }
}
