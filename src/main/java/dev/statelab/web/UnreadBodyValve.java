package dev.statelab.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection, once the response is sent, instead of reading the rest of a request body the
 * application left unread (a refused upload: 401, 403, 415, 503, a body cut for being too slow). Tomcat
 * reads that rest to keep the connection alive; even with {@code max-swallow-size: 0} it first blocks on
 * one read, so a client that stopped sending when it got its answer would hold a worker thread until the
 * connection timeout, and enough of them starve every other client.
 */
final class UnreadBodyValve extends ValveBase {

    UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (request.isAsyncStarted() || !UnreadBody.announced(request)) {
            return;
        }
        org.apache.coyote.Request coyote = request.getCoyoteRequest();
        AtomicBoolean fullyRead = new AtomicBoolean(true);
        coyote.action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        if (!fullyRead.get()) {
            coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
