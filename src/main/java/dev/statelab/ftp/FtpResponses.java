package dev.statelab.ftp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.ftp.engine.FtpDownload;
import dev.statelab.ftp.engine.FtpOutcome;
import dev.statelab.ftp.engine.FtpReply;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an outcome as HTTP, the same for both faces: a JSON reply with the status that fits its code,
 * or for RETR the file's bytes with the reply in {@code X-FTP-Reply}.
 */
final class FtpResponses {

    static final String REPLY_HEADER = "X-FTP-Reply";
    static final String TOKEN_HEADER = "X-Auth-Token";
    /** Longer than any token this server issues: such a header names no session, so nothing looks it up. */
    static final int MAX_TOKEN_LENGTH = 200;
    /** What a 401 names as the way in: a token in the X-Auth-Token header, got by logging in. */
    static final String CHALLENGE = "X-Auth-Token realm=\"statelab-ftp\"";

    private final JsonMapper json;
    private final FtpExchange exchange;

    FtpResponses(JsonMapper json, FtpExchange exchange) {
        this.json = json;
        this.exchange = exchange;
    }

    void write(HttpServletRequest request, HttpServletResponse response, FtpOutcome outcome) throws IOException {
        FtpDownload download = outcome.download();
        if (download != null) {
            stream(request, response, outcome.reply(), download);
            return;
        }
        String token = FtpExchange.sessionToken(request);
        boolean opened = outcome.effect() == FtpOutcome.Effect.LOGIN || outcome.effect() == FtpOutcome.Effect.OPEN;
        FtpReplyBody body = opened && token != null
                ? FtpReplyBody.withToken(outcome.reply(), token) : FtpReplyBody.of(outcome.reply());
        HttpStatus status = outcome.effect() == FtpOutcome.Effect.LOGIN ? HttpStatus.CREATED : statusOf(outcome.reply().code());
        write(response, status, body);
    }

    /** 503 (HTTP 409): another command of this session is running, here or on another instance. */
    void busy(HttpServletResponse response) throws IOException {
        write(response, HttpStatus.CONFLICT, FtpReplyBody.of(FtpReply.of(503,
                "Bad sequence of commands: another command of this session is still running. Send one at a "
                        + "time, as on a control connection, or log in a second session for parallel work")));
    }

    void write(HttpServletResponse response, HttpStatus status, Object body) throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), body);
    }

    private void stream(HttpServletRequest request, HttpServletResponse response, FtpReply reply,
                        FtpDownload download) throws IOException {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setHeader(REPLY_HEADER, reply.code() + " " + reply.text());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(download.name(), StandardCharsets.UTF_8).build().toString());
        if (download.length() >= 0) {
            response.setContentLengthLong(download.length());
        }
        if (HttpMethod.HEAD.matches(request.getMethod())) {
            // the container drops a HEAD body anyway: neither read the file nor count bytes never sent
            return;
        }
        long sent = 0;
        try (OutputStream out = response.getOutputStream()) {
            sent = download.writeTo(out);
        } finally {
            exchange.sent(request, sent);
        }
    }

    /**
     * The HTTP status that fits an FTP reply code. 1xx to 3xx: the command was accepted (200). The rest
     * as below; 550 ("not taken": missing, exists, not empty, wrong kind; the text says which) is a 404.
     */
    static HttpStatus statusOf(int code) {
        if (code < 400) {
            return HttpStatus.OK;
        }
        return switch (code) {
            case 421 -> HttpStatus.TOO_MANY_REQUESTS;
            case 425, 426, 500, 501, 553 -> HttpStatus.BAD_REQUEST;
            case 450, 503 -> HttpStatus.CONFLICT;
            case 451 -> HttpStatus.INTERNAL_SERVER_ERROR;
            case 452 -> HttpStatus.INSUFFICIENT_STORAGE;
            case 502, 504 -> HttpStatus.NOT_IMPLEMENTED;
            case 530 -> HttpStatus.UNAUTHORIZED;
            case 550 -> HttpStatus.NOT_FOUND;
            case 552 -> HttpStatus.CONTENT_TOO_LARGE;
            case 554 -> HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
            default -> code < 500 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
        };
    }
}
