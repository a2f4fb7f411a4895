package dev.statelab.relay;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * The standard upgrade, minus one thing: Spring's WebSocket session keeps a copy of every handshake header
 * for as long as the socket is open (a few hundred bytes per header, more from browsers), and the relay
 * reads headers only during the handshake itself (Origin, Authorization, the ticket in the query). So
 * the session is given none.
 */
final class HandshakeWithoutHeaders extends StandardWebSocketUpgradeStrategy {

    @Override
    public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
                        List<WebSocketExtension> selectedExtensions, @Nullable Principal user,
                        WebSocketHandler wsHandler, Map<String, Object> attrs) throws HandshakeFailureException {
        super.upgrade(new NoHeaders(getHttpServletRequest(request)), response, selectedProtocol, selectedExtensions,
                user, wsHandler, attrs);
    }

    private static final class NoHeaders extends ServletServerHttpRequest {

        NoHeaders(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpHeaders getHeaders() {
            return HttpHeaders.EMPTY;
        }
    }
}
