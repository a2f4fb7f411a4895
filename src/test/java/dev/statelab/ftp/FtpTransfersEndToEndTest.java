package dev.statelab.ftp;

import static dev.statelab.ftp.FtpApiClient.code;
import static dev.statelab.ftp.FtpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Moving bytes through the FTP-style API: RETR with its reply in a header and REST, a command during a long
 * download, STOR and APPE bodies, HEAD on RETR, and a cut upload that leaves nothing behind.
 */
class FtpTransfersEndToEndTest extends FtpApiTestBase {

    @Test
    void retrStreamsWithTheReplyInAHeaderAndResumesAtRest() {
        String token = ftp.token("bob", "bob-pw");
        ftp.put(token, "/api/ftp/stor?path=digits.txt", "0123456789".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> whole = ftp.download(token, "/api/ftp/retr?path=digits.txt");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("X-FTP-Reply")).contains("226 Transfer complete");
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(10);
        assertThat(code(ftp.call(token, "POST", "/api/ftp/rest?offset=7"))).isEqualTo(350);
        HttpResponse<byte[]> tail = ftp.download(token, "/api/ftp/retr?path=digits.txt");
        assertThat(new String(tail.body(), StandardCharsets.UTF_8)).isEqualTo("789");
        assertThat(tail.headers().firstValue("X-FTP-Reply")).contains("226 Transfer complete, resumed at byte 7");
        HttpResponse<byte[]> missing = ftp.download(token, "/api/ftp/retr?path=nothing.txt");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode state = json(ftp.get(token, "/api/ftp/session")).get("state");
        assertThat(state.get("bytesOut").asLong()).isEqualTo(13);
        assertThat(state.get("bytesIn").asLong()).isEqualTo(10);
    }

    @Test
    void aCommandSentDuringALongDownloadOfItsSessionIsRefusedRatherThanLost() throws Exception {
        String token = ftp.token("cat", "cat-pw");
        assertThat(code(ftp.call(token, "POST", "/api/ftp/mkd?path=docs"))).isEqualTo(257);
        // larger than the socket buffers, so a client that stops reading holds the download open
        assertThat(code(ftp.put(token, "/api/ftp/stor?path=big.bin", new byte[32 * 1024 * 1024]))).isEqualTo(226);
        HttpResponse<InputStream> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        ftp.uri("/api/ftp/retr?path=big.bin")).header("X-Auth-Token", token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = download.body()) {
            assertThat(body.readNBytes(1024)).hasSize(1024);
            HttpResponse<String> cwd = ftp.call(token, "POST", "/api/ftp/cwd?path=docs");
            assertThat(cwd.statusCode()).as(cwd.body()).isEqualTo(409);
            assertThat(code(cwd)).isEqualTo(503);
            assertThat(json(cwd).get("text").asString()).contains("still running");
            body.transferTo(OutputStream.nullOutputStream());
        }
        // once the download is over, the session takes commands again, and keeps what they did
        assertThat(code(ftp.call(token, "POST", "/api/ftp/cwd?path=docs"))).isEqualTo(250);
        assertThat(json(ftp.get(token, "/api/ftp/pwd")).get("text").asString()).contains("/docs");
        assertThat(json(ftp.get(token, "/api/ftp/session")).get("state").get("bytesOut").asLong())
                .isEqualTo(32 * 1024 * 1024);
    }

    @Test
    void storAndAppeTakeTheBodyWhateverItsContentTypeButRefuseAFormWithAnFtpReply() {
        String token = ftp.token("cat", "cat-pw");
        assertThat(code(ftp.send(token, "PUT", "/api/ftp/stor?path=typed.txt", "text/plain", "abc"))).isEqualTo(226);
        assertThat(code(ftp.send(token, "POST", "/api/ftp/appe?path=typed.txt", "application/json", "def")))
                .isEqualTo(226);
        assertThat(code(ftp.send(token, "POST", "/api/ftp/appe?path=typed.txt", null, "ghi"))).isEqualTo(226);
        HttpResponse<String> form = ftp.send(token, "POST", "/api/ftp/appe?path=typed.txt",
                "application/x-www-form-urlencoded", "jkl");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(code(form)).isEqualTo(501);
        assertThat(json(form).get("text").asString()).contains("application/octet-stream");
        assertThat(new String(ftp.download(token, "/api/ftp/retr?path=typed.txt").body(), StandardCharsets.UTF_8))
                .isEqualTo("abcdefghi");
    }

    @Test
    void headOnRetrAnswersTheHeadersWithoutCountingBytesItNeverSent() {
        String token = ftp.token("cat", "cat-pw");
        ftp.put(token, "/api/ftp/stor?path=head.txt", "0123456789".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> head = ftp.call(token, "HEAD", "/api/ftp/retr?path=head.txt");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(10);
        assertThat(head.headers().firstValue("X-FTP-Reply")).hasValueSatisfying(reply -> assertThat(reply).startsWith("226"));
        assertThat(json(ftp.get(token, "/api/ftp/session")).get("state").get("bytesOut").asLong()).isZero();
    }

    @Test
    void aCutStorLeavesNothingBehind() throws IOException {
        String token = ftp.token("bob", "bob-pw");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/ftp/stor?path=cut.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[10_000]);
            out.flush();
            long started = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < started && !hasTemporaryFiles()) {
                sleep(20);
            }
            assertThat(hasTemporaryFiles()).as("the upload is in flight").isTrue();
        }
        // the server notices the cut when its read fails
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && hasTemporaryFiles()) {
            sleep(100);
        }
        assertThat(hasTemporaryFiles()).isFalse();
        assertThat(code(ftp.get(token, "/api/ftp/size?path=cut.bin"))).isEqualTo(550);
    }

    private boolean hasTemporaryFiles() throws IOException {
        while (true) {
            try (Stream<Path> files = Files.walk(storage().resolve("bob"))) {
                return files.anyMatch(path -> path.getFileName().toString().startsWith(".statelab")
                        || path.getFileName().toString().equals("cut.bin"));
            } catch (java.io.UncheckedIOException e) {
                // the server removed a file while the walk read it: look again
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }
}
