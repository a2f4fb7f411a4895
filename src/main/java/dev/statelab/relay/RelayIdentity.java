package dev.statelab.relay;

import java.security.Principal;
import java.util.Map;

import dev.statelab.store.StoreUnavailableException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Decides at the handshake who connects: the account of a {@code ?ticket=} (browsers), the account
 * that HTTP Basic verified on the upgrade request (other clients), or nobody (anonymous). An unknown,
 * expired or reused ticket refuses the handshake with 401; a ticket that cannot be looked up because the
 * shared store is unreachable, with 503.
 */
final class RelayIdentity implements HandshakeInterceptor {

    private final RelayTickets tickets;

    RelayIdentity(RelayTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        String ticket = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("ticket");
        if (ticket != null) {
            String user;
            try {
                user = tickets.redeem(ticket);
            } catch (StoreUnavailableException e) {
                // the ticket may be fine: say "later", not "no"
                response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
                return false;
            }
            if (user == null) {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
                return false;
            }
            attributes.put(ChatHandler.USER_ATTRIBUTE, user);
            return true;
        }
        Principal principal = request.getPrincipal();
        if (principal != null) {
            attributes.put(ChatHandler.USER_ATTRIBUTE, principal.getName());
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               @Nullable Exception exception) {
    }
}
