package dev.statelab.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.statelab.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin-only: run a scenario through both file APIs and get every request, byte and held state back. */
@RestController
@RequestMapping("/api/compare")
@Tag(name = "compare", description = "One scenario through both file APIs, side by side (admin only)")
@SecurityRequirement(name = "basicAuth")
public class CompareController {

    private final ScenarioRunner runner;
    private final TrafficSummary traffic;
    private final WireComparison wire;

    public CompareController(ScenarioRunner runner, TrafficSummary traffic, WireComparison wire) {
        this.runner = runner;
        this.traffic = traffic;
        this.wire = wire;
    }

    public record ScenarioInfo(String name, String title, String summary) {
    }

    @GetMapping("/scenarios")
    @Operation(summary = "The scenarios a run can play")
    public List<ScenarioInfo> scenarios() {
        return Arrays.stream(Scenario.values()).map(s -> new ScenarioInfo(s.slug(), s.title(), s.summary())).toList();
    }

    @PostMapping("/runs")
    @Operation(summary = "Run a scenario through both APIs as the caller (Basic credentials are reused by both clients)",
            description = "Plays the scenario in a scratch folder of the caller's home (removed afterwards) and answers "
                    + "every request of both sides, with bytes, latency and what the server held after each step.")
    @ApiResponse(responseCode = "200", description = "the run, step by step, with totals per side")
    @ApiResponse(responseCode = "400", description = "unknown or missing scenario, or not HTTP Basic",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "no or wrong credentials", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "not an admin", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "too many runs at once", content = @Content(mediaType = "application/problem+json"))
    public Run run(@RequestBody(required = false) @Nullable RunRequest request,
                   @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String name = request == null ? null : request.scenario();
        Scenario scenario = name == null ? null : Scenario.bySlug(name).orElse(null);
        if (scenario == null) {
            throw problem(HttpStatus.BAD_REQUEST, "unknown-scenario", "Unknown scenario",
                    "Name one of: " + String.join(", ", Arrays.stream(Scenario.values()).map(Scenario::slug).toList()) + ".");
        }
        BasicCredentials credentials = BasicCredentials.fromHeader(authorization).orElseThrow(() -> problem(
                HttpStatus.BAD_REQUEST, "basic-required", "Basic credentials required",
                "Call this with HTTP Basic: both clients of the run reuse your user and password."));
        return runner.run(scenario, credentials);
    }

    @PostMapping("/wire")
    @Operation(summary = "One task through the real FTP port and the stateless HTTP API, as the wire sees it",
            description = "Lists a folder, downloads three files and renames one, through Apache Commons Net on the FTP "
                    + "port (passive, binary) and through the HTTP API, and answers the TCP connections opened, the "
                    + "round trips, the bytes on the control and data channels and the time of each side.")
    @ApiResponse(responseCode = "200", description = "both sides' figures")
    @ApiResponse(responseCode = "503", description = "the FTP port is off (statelab.ftp.port=-1)",
            content = @Content(mediaType = "application/problem+json"))
    public WireRun wire(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        BasicCredentials credentials = BasicCredentials.fromHeader(authorization).orElseThrow(() -> problem(
                HttpStatus.BAD_REQUEST, "basic-required", "Basic credentials required",
                "Call this with HTTP Basic: both clients reuse your user and password."));
        if (!wire.available()) {
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "ftp-port-off", "The FTP port is off",
                    "Start the service with statelab.ftp.port set (2121 by default) to compare the wire.");
        }
        return wire.run(credentials);
    }

    @GetMapping("/metrics")
    @Operation(summary = "A small summary of the live metrics the compare page shows")
    public Map<String, Object> metrics() {
        return traffic.summary();
    }

    @ExceptionHandler(ScenarioRunner.BusyException.class)
    ProblemDetail busy() {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "busy", "Busy",
                "Other comparison runs are playing; try again in a moment.").getBody();
    }

    private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        return Problems.exception(status, type, title, detail);
    }
}
