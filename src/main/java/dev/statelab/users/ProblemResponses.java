package dev.statelab.users;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem bodies for what Spring Security refuses before any controller runs (401 and 403),
 * so that a client sees the same error shape whichever layer said no.
 */
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    public static final String PROBLEM_TYPE_BASE = "urn:statelab:problem:";

    private final JsonMapper json;
    private final String challenge;
    private final String unauthenticatedDetail;

    /**
     * @param challenge             the {@code WWW-Authenticate} value sent with a 401
     * @param unauthenticatedDetail what the client must send, in words
     */
    public ProblemResponses(JsonMapper json, String challenge, String unauthenticatedDetail) {
        this.json = json;
        this.challenge = challenge;
        this.unauthenticatedDetail = unauthenticatedDetail;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        response.setHeader("WWW-Authenticate", challenge);
        write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", unauthenticatedDetail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Your account may not do this.");
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                      String type, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PROBLEM_TYPE_BASE + type);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
