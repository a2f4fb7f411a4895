package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import dev.statelab.files.FileStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class FileDownloadTest extends HttpApiTest {

    @Autowired
    FileStore store;

    @Test
    void getStreamsTheFileWithItsValidators() {
        String dir = folder("download-basic");
        HttpResponse<String> created = put(dir + "/hello.txt", "hello, world");
        HttpResponse<String> response = get(dir + "/hello.txt");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello, world");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("Content-Length")).hasValue("12");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
        assertThat(response.headers().firstValue("ETag")).hasValue(created.headers().firstValue("ETag").orElseThrow())
                .get().asString().startsWith("\"");
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() {
        String dir = folder("download-head");
        put(dir + "/a.json", "{\"x\":1}");
        HttpResponse<String> response = send(asUser(files(dir + "/a.json")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Length")).hasValue("7");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void ifNoneMatchWithTheCurrentEtagGives304AndAnOldOneTheFile() {
        String dir = folder("download-inm");
        String etag = put(dir + "/a.txt", "one").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> same = send(asUser(files(dir + "/a.txt")).header("If-None-Match", etag).build());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.headers().firstValue("ETag")).hasValue(etag);

        put(dir + "/a.txt", "two");
        HttpResponse<String> changed = send(asUser(files(dir + "/a.txt")).header("If-None-Match", etag).build());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo("two");
    }

    @Test
    void ifModifiedSinceGives304UntilTheFileChanges() {
        String dir = folder("download-ims");
        put(dir + "/a.txt", "one");
        String lastModified = get(dir + "/a.txt").headers().firstValue("Last-Modified").orElseThrow();
        assertThat(send(asUser(files(dir + "/a.txt")).header("If-Modified-Since", lastModified).build()).statusCode()).isEqualTo(304);
        String longAgo = DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(send(asUser(files(dir + "/a.txt")).header("If-Modified-Since", longAgo).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void ifMatchOnGetWithAStaleEtagGives412() {
        String dir = folder("download-im");
        put(dir + "/a.txt", "one");
        assertProblem(send(asUser(files(dir + "/a.txt")).header("If-Match", "\"stale\"").build()), 412);
    }

    @Test
    void aSingleRangeGives206WithContentRange() {
        String dir = folder("download-range");
        put(dir + "/digits.txt", "0123456789");
        HttpResponse<String> middle = send(asUser(files(dir + "/digits.txt")).header("Range", "bytes=2-5").build());
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo("2345");
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");
        assertThat(middle.headers().firstValue("Content-Length")).hasValue("4");

        HttpResponse<String> suffix = send(asUser(files(dir + "/digits.txt")).header("Range", "bytes=-3").build());
        assertThat(suffix.body()).isEqualTo("789");
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 7-9/10");

        HttpResponse<String> open = send(asUser(files(dir + "/digits.txt")).header("Range", "bytes=8-").build());
        assertThat(open.body()).isEqualTo("89");
        HttpResponse<String> beyondEnd = send(asUser(files(dir + "/digits.txt")).header("Range", "bytes=8-100").build());
        assertThat(beyondEnd.statusCode()).isEqualTo(206);
        assertThat(beyondEnd.headers().firstValue("Content-Range")).hasValue("bytes 8-9/10");
    }

    @Test
    void aRangeOutsideTheFileGives416WithItsSize() {
        String dir = folder("download-416");
        put(dir + "/digits.txt", "0123456789");
        HttpResponse<String> response = send(asUser(files(dir + "/digits.txt")).header("Range", "bytes=10-20").build());
        assertProblem(response, 416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */10");
    }

    @Test
    void severalRangesOrAMalformedOneGetTheWholeFile() {
        String dir = folder("download-multi");
        put(dir + "/digits.txt", "0123456789");
        HttpResponse<String> several = send(asUser(files(dir + "/digits.txt")).header("Range", "bytes=0-1,4-5").build());
        assertThat(several.statusCode()).isEqualTo(200);
        assertThat(several.body()).isEqualTo("0123456789");
        HttpResponse<String> malformed = send(asUser(files(dir + "/digits.txt")).header("Range", "lines=1-2").build());
        assertThat(malformed.statusCode()).isEqualTo(200);
    }

    @Test
    void ifRangeServesThePartOnlyWhileTheFileIsUnchanged() {
        String dir = folder("download-if-range");
        String etag = put(dir + "/digits.txt", "0123456789").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> unchanged = send(asUser(files(dir + "/digits.txt"))
                .header("Range", "bytes=5-").header("If-Range", etag).build());
        assertThat(unchanged.statusCode()).isEqualTo(206);
        assertThat(unchanged.body()).isEqualTo("56789");

        put(dir + "/digits.txt", "abcdefghij");
        HttpResponse<String> changed = send(asUser(files(dir + "/digits.txt"))
                .header("Range", "bytes=5-").header("If-Range", etag).build());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo("abcdefghij");
    }

    @Test
    void aLargeFileAndItsRangesComeBackByteForByte() throws Exception {
        String dir = folder("download-large");
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        assertThat(send(asUser(files(dir + "/big.bin")).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build())
                .statusCode()).isEqualTo(201);
        HttpResponse<byte[]> whole = sendForBytes(asUser(files(dir + "/big.bin")).build());
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(whole.body()).isEqualTo(content);
        assertThat(Files.readAllBytes(onDisk(dir + "/big.bin"))).isEqualTo(content);
        HttpResponse<byte[]> part = sendForBytes(asUser(files(dir + "/big.bin")).header("Range", "bytes=1000000-2500000").build());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 1_000_000, 2_500_001));
    }

    @Test
    void aFolderAnswersWithItsSortedListing() {
        String dir = folder("listing");
        put(dir + "/b.txt", "bb");
        put(dir + "/a.txt", "a");
        post(dir + "/sub?action=mkdir");
        HttpResponse<String> response = get(dir + "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        String etagOfA = get(dir + "/a.txt").headers().firstValue("ETag").orElseThrow().replace("\"", "\\\"");
        assertThat(response.body())
                .startsWith("{\"path\":\"/listing/\",\"entries\":[")
                .containsSubsequence("{\"name\":\"a.txt\",\"type\":\"file\",\"size\":1,\"modified\":\"",
                        "Z\",\"etag\":\"" + etagOfA + "\"}",
                        "{\"name\":\"b.txt\",\"type\":\"file\",\"size\":2,",
                        "{\"name\":\"sub\",\"type\":\"dir\",\"size\":0,");
        assertThat(response.body()).matches(".*\"modified\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\".*");
        assertThat(get(dir).body()).isEqualTo(response.body());
    }

    @Test
    void theHomeItselfIsAFolder() {
        assertThat(get("").body()).startsWith("{\"path\":\"/\",\"entries\":[");
    }

    @Test
    void aMissingFileIs404AndATrailingSlashOnAFileIs409() {
        String dir = folder("download-missing");
        assertProblem(get(dir + "/nothing.txt"), 404);
        put(dir + "/a.txt", "a");
        assertProblem(get(dir + "/a.txt/"), 409);
    }

    @Test
    void theShortWayAndTheControllerAnswerAPlainGetAlike() throws Exception {
        String dir = folder("download-parity");
        put(dir + "/page.html", "<p>hi</p>");
        HttpResponse<String> direct = get(dir + "/page.html");
        // a query string sends the request the long way, through Spring MVC's dispatch
        HttpResponse<String> dispatched = send(asUser(uri("/api/http/files/" + dir + "/page.html?via=mvc")).build());
        assertThat(dispatched.statusCode()).isEqualTo(direct.statusCode()).isEqualTo(200);
        assertThat(dispatched.body()).isEqualTo(direct.body());
        for (String header : new String[] {"ETag", "Last-Modified", "Content-Type", "Content-Length", "Accept-Ranges",
                "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options"}) {
            assertThat(dispatched.headers().firstValue(header)).as(header).isPresent().isEqualTo(direct.headers().firstValue(header));
        }
        assertThat(direct.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
        assertThat(answeredByTheShortWay("/api/http/files/" + dir + "/page.html", null)).hasValue(direct.body());
        assertThat(answeredByTheShortWay("/api/http/files/" + dir + "/page.html", "via=mvc")).isEmpty();
    }

    /** The body the short way answered alone, or empty when it passed the request on down the chain. */
    private Optional<String> answeredByTheShortWay(String uri, @Nullable String query) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        request.setQueryString(query);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(USER, null, List.of()));
        try {
            DirectFileDownloads.afterSecurity(store).doFilter(request, response, chain);
        } finally {
            SecurityContextHolder.clearContext();
        }
        if (chain.getRequest() != null) {
            return Optional.empty();
        }
        assertThat(response.getStatus()).isEqualTo(200);
        return Optional.of(response.getContentAsString());
    }
}
