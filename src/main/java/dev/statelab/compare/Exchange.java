package dev.statelab.compare;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request and its response as a client saw them.
 *
 * @param client            which client sent it ("client A", "admin"…), for scenarios with more than one
 * @param requestHeaders    the headers that matter to the comparison (credentials are masked)
 * @param requestBodyBytes  body bytes sent
 * @param requestText       a short text body as sent (an FTP command line, the login JSON with the password masked)
 * @param ftpCode           the FTP reply code, from the JSON body or the {@code X-FTP-Reply} header
 * @param responseBodyBytes body bytes received (after a cut: what arrived before it)
 * @param bytesSent         request line + headers + body as the client sent them
 * @param bytesReceived     status line + headers + body as the client received them (without chunk framing)
 * @param counted           false for requests outside the model (the admin's "forget" call)
 * @param note              what the client made of it ("cut after 64 KiB", "ETag kept"…)
 */
public record Exchange(String client, String method, String url, Map<String, String> requestHeaders,
                       long requestBodyBytes, @Nullable String requestText, int status, @Nullable Integer ftpCode, @Nullable String ftpText,
                       Map<String, String> responseHeaders, long responseBodyBytes, long bytesSent,
                       long bytesReceived, double millis, boolean counted, @Nullable String note) {

    Exchange withNote(String text) {
        return new Exchange(client, method, url, requestHeaders, requestBodyBytes, requestText, status, ftpCode, ftpText,
                responseHeaders, responseBodyBytes, bytesSent, bytesReceived, millis, counted, text);
    }

    Exchange uncounted() {
        return new Exchange(client, method, url, requestHeaders, requestBodyBytes, requestText, status, ftpCode, ftpText,
                responseHeaders, responseBodyBytes, bytesSent, bytesReceived, millis, false, note);
    }
}
