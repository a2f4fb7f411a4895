package dev.statelab.relay;

import dev.statelab.store.StoreUnavailableException;
import dev.statelab.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hands a signed-in user a one-time ticket for joining the relay under their account name. */
@RestController
@Tag(name = "relay", description = "Sign-in for the WebSocket relay at /ws/chat")
class TicketController {

    /** The ticket and how long it stays valid, in seconds. */
    record Ticket(String ticket, long expires_in, String user) {
    }

    private final RelayTickets tickets;
    private final RelayProperties properties;

    TicketController(RelayTickets tickets, RelayProperties properties) {
        this.tickets = tickets;
        this.properties = properties;
    }

    @PostMapping("/api/relay/ticket")
    @Operation(summary = "Get a one-time ticket for /ws/chat?ticket=…",
            description = "Browsers cannot send credentials on a WebSocket handshake; this ticket carries the "
                    + "account name into one connection. It is valid once, for a few seconds.")
    @SecurityRequirement(name = "basicAuth")
    Ticket ticket(Authentication authentication) {
        String user = authentication.getName();
        return new Ticket(tickets.issue(user), properties.ticketTtl().toSeconds(), user);
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> storeUnavailable() {
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "session-store-unavailable", "Service Unavailable",
                "Tickets are kept in a shared store that cannot be reached right now. Try again shortly, or "
                        + "connect with HTTP Basic on the upgrade request.");
    }
}
