package dev.statelab.sockets;

import java.net.URI;
import java.time.Duration;

import dev.statelab.users.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sockets lab over HTTP: the live table and the numbered burst. */
@RestController
@RequestMapping("/api/sockets")
@Tag(name = "Sockets lab", description = "TCP and UDP echo ports: live connections and a numbered burst")
class SocketsController {

    private final TcpEchoServer tcp;
    private final UdpEchoServer udp;
    private final NumberedBurst burst;
    private final SocketsProperties properties;

    SocketsController(TcpEchoServer tcp, UdpEchoServer udp, NumberedBurst burst, SocketsProperties properties) {
        this.tcp = tcp;
        this.udp = udp;
        this.burst = burst;
        this.properties = properties;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Live TCP connections (both ends as IP:port, bytes, since when) and recent UDP senders")
    SocketsView live() {
        return new SocketsView(tcp.connections(), udp.peers(), new SocketsView.Ports(tcp.port(), udp.port()),
                ImpairmentView.of(udp.defaults()), tcp.threadKind());
    }

    @PostMapping(path = "/burst", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send N numbered messages over TCP and N over UDP from inside the service and count what came back")
    BurstResult burst(@RequestBody BurstRequest request) {
        int max = properties.burst().maxMessages();
        int count = request.count() == null ? Math.min(100, max) : request.count();
        if (count < 1 || count > max) {
            throw problem(HttpStatus.BAD_REQUEST, "burst-count", "Burst count out of range",
                    "count must be from 1 to " + max + " (statelab.sockets.burst.max-messages).");
        }
        return burst.run(count, impairment(request));
    }

    private @Nullable Impairment impairment(BurstRequest request) {
        if (request.loss() == null && request.reorder() == null && request.delayMs() == null) {
            return null;
        }
        Impairment defaults = udp.defaults();
        double loss = request.loss() == null ? defaults.loss() : request.loss();
        double reorder = request.reorder() == null ? defaults.reorder() : request.reorder();
        long delay = request.delayMs() == null ? defaults.delay().toMillis() : request.delayMs();
        long maxDelay = properties.udp().maxSimulatedDelay().toMillis();
        if (!(loss >= 0 && loss <= 1) || !(reorder >= 0 && reorder <= 1) || delay < 0 || delay > maxDelay) {
            throw problem(HttpStatus.BAD_REQUEST, "burst-impairment", "Impairment out of range",
                    "loss and reorder are probabilities from 0 to 1; delayMs is from 0 to " + maxDelay + ".");
        }
        return new Impairment(loss, reorder, Duration.ofMillis(delay));
    }

    @ExceptionHandler(NumberedBurst.BusyException.class)
    ProblemDetail busy() {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "busy", "Busy",
                "Another burst is running; try again in a moment.").getBody();
    }

    private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(ProblemResponses.PROBLEM_TYPE_BASE + type));
        body.setTitle(title);
        return new ErrorResponseException(status, body, null);
    }
}
