package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.filter.FormContentFilter;

class FileUploadTest extends HttpApiTest {

    @Autowired
    ApplicationContext context;

    @Test
    void putCreatesWith201LocationAndEtagThenReplacesWith204() {
        String dir = folder("upload-basic");
        HttpResponse<String> created = put(dir + "/a.txt", "first");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/http/files/upload-basic/a.txt");
        String etag = created.headers().firstValue("ETag").orElseThrow();
        assertThat(send(asUser(uri(created.headers().firstValue("Location").orElseThrow())).build()).body()).isEqualTo("first");

        HttpResponse<String> replaced = put(dir + "/a.txt", "second");
        assertThat(replaced.statusCode()).isEqualTo(204);
        assertThat(replaced.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(get(dir + "/a.txt").body()).isEqualTo("second");
    }

    @Test
    void ifMatchReplacesOnlyTheVersionTheClientRead() {
        String dir = folder("upload-if-match");
        String etag = put(dir + "/a.txt", "v1").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> stale = send(asUser(files(dir + "/a.txt")).header("If-Match", "\"not-it\"")
                .PUT(HttpRequest.BodyPublishers.ofString("lost")).build());
        assertProblem(stale, 412);
        assertThat(get(dir + "/a.txt").body()).isEqualTo("v1");

        HttpResponse<String> current = send(asUser(files(dir + "/a.txt")).header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString("v2")).build());
        assertThat(current.statusCode()).isEqualTo(204);
        assertProblem(send(asUser(files(dir + "/missing.txt")).header("If-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build()), 412);
    }

    @Test
    void ifNoneMatchStarCreatesButNeverReplaces() {
        String dir = folder("upload-create-only");
        HttpRequest.Builder createOnly = asUser(files(dir + "/a.txt")).header("If-None-Match", "*");
        assertThat(send(createOnly.PUT(HttpRequest.BodyPublishers.ofString("mine")).build()).statusCode()).isEqualTo(201);
        assertProblem(send(createOnly.PUT(HttpRequest.BodyPublishers.ofString("theirs")).build()), 412);
        assertThat(get(dir + "/a.txt").body()).isEqualTo("mine");
    }

    @Test
    void twoConcurrentPutsWithTheSameEtagLetExactlyOneWin() throws Exception {
        String dir = folder("upload-race");
        byte[] body = new byte[2 * 1024 * 1024];
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String etag = put(dir + "/shared.bin", "round " + round).headers().firstValue("ETag").orElseThrow();
                CountDownLatch start = new CountDownLatch(1);
                Callable<Integer> writer = () -> {
                    start.await();
                    return send(asUser(files(dir + "/shared.bin")).header("If-Match", etag)
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build()).statusCode();
                };
                List<Future<Integer>> results = List.of(pool.submit(writer), pool.submit(writer));
                start.countDown();
                List<Integer> statuses = Stream.of(results.get(0).get(), results.get(1).get()).sorted().toList();
                assertThat(statuses).as("round " + round).containsExactly(204, 412);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUploadCutOffMidBodyLeavesTheOldFileAndNothingPartial() throws Exception {
        String dir = folder("upload-cut");
        put(dir + "/keep.txt", "the old content");
        RawHttp.cutOff(port, "PUT /api/http/files/" + dir + "/keep.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + basic(USER, USER_PASSWORD) + "\r\nContent-Length: 1000000\r\n\r\n", 500_000);
        RawHttp.cutOff(port, "PUT /api/http/files/" + dir + "/new.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + basic(USER, USER_PASSWORD) + "\r\nContent-Length: 1000000\r\n\r\n", 500_000);
        awaitSteady(dir, List.of("keep.txt"));
        assertThat(get(dir + "/keep.txt").body()).isEqualTo("the old content");
        assertThat(get(dir + "/").body()).doesNotContain("new.txt").doesNotContain(".part");
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsSent() throws Exception {
        String dir = folder("upload-too-large");
        // as curl does for large bodies: the client waits for "100 Continue", which must never come
        String response = RawHttp.exchange(port, "PUT /api/http/files/" + dir + "/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + basic(USER, USER_PASSWORD) + "\r\nContent-Length: " + (MAX_UPLOAD + 1)
                + "\r\nExpect: 100-continue\r\n\r\n", out -> { });
        assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("\"limit\":" + MAX_UPLOAD).doesNotContain(ROOT.toString());
        assertThat(entriesOnDisk(dir)).isEmpty();
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413EvenWhenTheBodyFollowsAtOnce() throws Exception {
        String dir = folder("upload-too-large-eager");
        String response = RawHttp.exchange(port, "PUT /api/http/files/" + dir + "/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + basic(USER, USER_PASSWORD) + "\r\nContent-Length: " + (MAX_UPLOAD + 1) + "\r\n\r\n",
                out -> out.write(new byte[(int) MAX_UPLOAD + 1]));
        assertThat(response).startsWith("HTTP/1.1 413").contains("\"status\":413");
        awaitSteady(dir, List.of());
    }

    @Test
    void aChunkedBodyThatGrowsOverTheLimitIs413AndLeavesNothing() throws Exception {
        String dir = folder("upload-too-large-chunked");
        String response = RawHttp.exchange(port, "PUT /api/http/files/" + dir + "/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + basic(USER, USER_PASSWORD) + "\r\nTransfer-Encoding: chunked\r\n\r\n",
                out -> writeChunks(out, MAX_UPLOAD + 1024 * 1024));
        assertThat(response).startsWith("HTTP/1.1 413").contains("\"status\":413");
        awaitSteady(dir, List.of());
    }

    @Test
    void aFormBodyIsRefusedWith415() {
        String dir = folder("upload-form");
        HttpResponse<String> form = send(asUser(files(dir + "/a.txt")).header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("a=b")).build());
        assertProblem(form, 415);
        assertThat(form.body()).contains("application/octet-stream").contains("curl -T");
        assertProblem(send(asUser(files(dir + "/a.txt")).header("Content-Type", "multipart/form-data; boundary=x")
                .PUT(HttpRequest.BodyPublishers.ofString("--x--")).build()), 415);
    }

    @Test
    void noFilterReadsAFormBodyIntoMemoryBeforeAuthentication() {
        // Spring's FormContentFilter would buffer a whole PUT form body, for anyone, before any check
        assertThat(context.getBeansOfType(FormContentFilter.class)).isEmpty();
        assertProblem(send(HttpRequest.newBuilder(files("a.txt")).header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("a=b")).build()), 401);
    }

    @Test
    void putIntoAMissingFolderOntoAFolderOrWithATrailingSlashIsRefused() {
        String dir = folder("upload-wrong-places");
        assertProblem(put(dir + "/no/such/a.txt", "x"), 404);
        post(dir + "/sub?action=mkdir");
        assertProblem(put(dir + "/sub", "x"), 409);
        assertProblem(put(dir + "/name/", "x"), 400);
    }

    @Test
    void unicodeNamesRoundTrip() {
        String dir = folder("upload-unicode");
        String name = "naïve café — 日本.txt";
        String encoded = java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(put(dir + "/" + encoded, "ü").statusCode()).isEqualTo(201);
        assertThat(get(dir + "/").body()).contains("\"name\":\"" + name + "\"");
        assertThat(get(dir + "/" + encoded).body()).isEqualTo("ü");
    }

    /** The server notices a cut on its own time: wait until the folder holds exactly {@code expected} for a second. */
    private void awaitSteady(String dir, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long steadySince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (!entriesOnDisk(dir).equals(expected)) {
                steadySince = System.nanoTime();
            } else if (System.nanoTime() - steadySince > Duration.ofSeconds(1).toNanos()) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(entriesOnDisk(dir)).isEqualTo(expected);
    }

    private List<String> entriesOnDisk(String dir) throws Exception {
        try (Stream<Path> entries = Files.list(onDisk(dir))) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void writeChunks(OutputStream out, long total) throws java.io.IOException {
        byte[] chunk = new byte[64 * 1024];
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (long sent = 0; sent < total; sent += chunk.length) {
            out.write(size);
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
}
