package dev.statelab.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A folder of 100,000 entries is listed whole and in order, written while it is read (chunked, never
 * held as one body), and no more listings than {@code statelab.http.listing.max-concurrent} (4 by
 * default) run at once: one more gets 503 with Retry-After until a slot is free again.
 */
class LargeFolderListingTest extends HttpApiTest {

    private static final int ENTRIES = 100_000;
    private static final String FOLDER = "huge";
    /** Long names make the listing far larger than what the sockets between client and server can hold. */
    private static final String NAME_PADDING = "x".repeat(120);

    @BeforeAll
    static void makeFolder() throws IOException {
        Path folder = ROOT.resolve(USER).resolve(FOLDER);
        Files.createDirectories(folder);
        for (int i = 0; i < ENTRIES; i++) {
            Files.createFile(folder.resolve(name(i)));
        }
    }

    private static String name(int i) {
        return String.format("f%06d-%s", i, NAME_PADDING);
    }

    @Test
    void aFolderOfAHundredThousandEntriesIsListedWholeInOrderAndStreamed() throws Exception {
        HttpResponse<InputStream> response = client.send(asUser(files(FOLDER + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        checked(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Content-Length")).as("written as read, not held whole").isEmpty();
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");

        List<String> names = new ArrayList<>(ENTRIES);
        String path = null;
        try (InputStream body = response.body(); JsonParser parser = JsonMapper.builder().build().createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.PROPERTY_NAME && parser.currentName().equals("path")) {
                    path = parser.nextStringValue();
                } else if (token == JsonToken.PROPERTY_NAME && parser.currentName().equals("name")) {
                    names.add(parser.nextStringValue());
                }
            }
        }
        assertThat(path).isEqualTo("/" + FOLDER + "/");
        assertThat(names).hasSize(ENTRIES);
        for (int i = 0; i < ENTRIES; i += 9_999) {
            assertThat(names.get(i)).isEqualTo(name(i));
        }
        assertThat(names).isSorted();
    }

    @Test
    void beyondTheLimitAListingIsRefusedWith503AndRetryAfterUntilASlotIsFree() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                stalled.add(startListingWithoutReading());
            }
            HttpResponse<String> refused = awaitRefusal();
            assertProblem(refused, 503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).contains("urn:statelab:problem:listings-busy");
            // files are not listings: they are still served
            put(FOLDER + "-file.txt", "still served");
            assertThat(get(FOLDER + "-file.txt").body()).isEqualTo("still served");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // the slots of clients that went away are given back
        long deadline = System.nanoTime() + 60_000_000_000L;
        HttpResponse<String> again;
        do {
            Thread.sleep(200);
            again = get(FOLDER + "/");
        } while (again.statusCode() == 503 && System.nanoTime() < deadline);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).endsWith("]}");
    }

    /** Asks for the large listing and reads only the status line, so the server stays blocked writing it. */
    private Socket startListingWithoutReading() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/http/files/" + FOLDER + "/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + basic(USER, USER_PASSWORD) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] status = new byte[12];
        int read = 0;
        while (read < status.length) {
            int n = socket.getInputStream().read(status, read, status.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        assertThat(new String(status, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return socket;
    }

    /** The fifth listing, once the four stalled ones are surely running (they answered 200 already). */
    private HttpResponse<String> awaitRefusal() {
        return get(FOLDER + "/");
    }
}
