import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comparison's load client: the scenario "browse into a folder, download three files, rename one"
 * N times through each file API, and the same downloads-and-rename workload inside one long session.
 * Requests and bytes come from the server's own counters (statelab.requests, statelab.bytes by api),
 * read from /actuator/metrics before and after each run.
 *
 *   java ScenarioBench.java BASE USER PASSWORD FOLDER WORKERS SCENARIOS OPERATIONS
 */
public class ScenarioBench {

    static String base, user, password, basic, folder;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String[] FILES = {"a.txt", "b.txt", "c.txt"};

    public static void main(String[] args) throws Exception {
        base = args[0];
        user = args[1];
        password = args[2];
        folder = args[3];
        int workers = Integer.parseInt(args[4]);
        int scenarios = Integer.parseInt(args[5]);
        int operations = Integer.parseInt(args[6]);
        basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));

        held = heldMidScenario();
        System.out.println("| run | API | operations | ops/s | requests/op | bytes sent/op | bytes received/op | server-held bytes per client |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        measure("scenario", "http", workers, scenarios, w -> statelessScenario(w, scenarios / workers));
        measure("scenario", "ftp", workers, scenarios, w -> ftpScenario(w, scenarios / workers));
        measure("downloads + renames", "http", workers, operations, w -> statelessWorkload(w, operations / workers));
        measure("downloads + renames", "ftp", workers, operations, w -> ftpWorkload(w, operations / workers));
    }

    static long held;

    interface Worker { long run(int worker) throws Exception; }

    static void measure(String run, String api, int workers, int operations, Worker work) throws Exception {
        double[] before = counters(api);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                results.add(pool.submit(() -> work.run(worker)));
            }
            for (Future<Long> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] after = counters(api);
        int done = operations / workers * workers;
        System.out.printf("| %s | %s | %d | %.0f | %.2f | %.0f | %.0f | %s |%n", run, api.equals("http") ? "stateless" : "FTP-style",
                done, done / seconds, (after[0] - before[0]) / done, (after[1] - before[1]) / done,
                (after[2] - before[2]) / done, api.equals("http") ? "0" : Long.toString(held));
    }

    // ---- stateless: the client holds the path and sends credentials each time
    static long statelessScenario(int worker, int times) throws Exception {
        String docs = folder + "/w" + worker + "/docs/";
        for (int i = 0; i < times; i++) {
            expect(send("GET", "/api/http/files/" + docs, basic, null, null), 200);
            for (String file : files(i)) {
                expect(send("GET", "/api/http/files/" + docs + file, basic, null, null), 200);
            }
            statelessRename(docs, i);
        }
        return 0;
    }

    /** a.txt is renamed to a-old.txt and back on alternate rounds. */
    static String[] files(int round) {
        return new String[] {round % 2 == 0 ? "a.txt" : "a-old.txt", "b.txt", "c.txt"};
    }

    static void statelessRename(String docs, int i) throws Exception {
        String from = i % 2 == 0 ? "a.txt" : "a-old.txt";
        String to = i % 2 == 0 ? "a-old.txt" : "a.txt";
        expect(send("POST", "/api/http/files/" + docs + from + "?action=move&to=" + enc("/" + docs + to), basic, null, null), 201);
    }

    static long statelessWorkload(int worker, int operations) throws Exception {
        String docs = folder + "/w" + worker + "/docs/";
        int renames = 0;
        for (int i = 0; i < operations; i++) {
            if (i % 10 == 9) {
                statelessRename(docs, renames++);
            } else {
                expect(send("GET", "/api/http/files/" + docs + FILES[1 + i % 2], basic, null, null), 200);
            }
        }
        if (renames % 2 == 1) {
            statelessRename(docs, renames);
        }
        return 0;
    }

    // ---- FTP-style: log in once, the server holds cwd and the pending rename
    static long ftpScenario(int worker, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            String token = login();
            expect(command(token, "CWD /" + folder + "/f" + worker + "/docs"), 200);
            expect(command(token, "LIST"), 200);
            for (String file : files(i)) {
                expect(command(token, "RETR " + file), 200);
            }
            ftpRename(token, i);
            expect(send("DELETE", "/api/ftp/session", null, token, null), 200);
        }
        return 0;
    }

    /** What the server holds for one client in the middle of the scenario (after CWD and RNFR), probed outside the timed runs. */
    static long heldMidScenario() throws Exception {
        String token = login();
        expect(command(token, "CWD /" + folder + "/f0/docs"), 200);
        expect(command(token, "RNFR a.txt"), 200);
        long held = stateBytes(token);
        expect(send("DELETE", "/api/ftp/session", null, token, null), 200);
        return held;
    }

    static void ftpRename(String token, int i) throws Exception {
        expect(command(token, "RNFR " + (i % 2 == 0 ? "a.txt" : "a-old.txt")), 200);
        expect(command(token, "RNTO " + (i % 2 == 0 ? "a-old.txt" : "a.txt")), 200);
    }

    static long ftpWorkload(int worker, int operations) throws Exception {
        String token = login();
        expect(command(token, "CWD /" + folder + "/f" + worker + "/docs"), 200);
        int renames = 0;
        for (int i = 0; i < operations; i++) {
            if (i % 10 == 9) {
                ftpRename(token, renames++);
            } else {
                expect(command(token, "RETR " + FILES[1 + i % 2]), 200);
            }
        }
        if (renames % 2 == 1) {
            ftpRename(token, renames);
        }
        expect(send("DELETE", "/api/ftp/session", null, token, null), 200);
        return 0;
    }

    static String login() throws Exception {
        HttpResponse<String> response = send("POST", "/api/ftp/session", null, null,
                "{\"user\":\"" + user + "\",\"pass\":\"" + password + "\"}");
        expect(response, 201);
        return response.headers().firstValue("X-Auth-Token").orElseThrow();
    }

    static HttpResponse<String> command(String token, String line) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/ftp/command"))
                .header("X-Auth-Token", token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the server holds for a session (GET /api/ftp/session). */
    static long stateBytes(String token) throws Exception {
        Matcher m = Pattern.compile("\"stateBytes\":(\\d+)").matcher(send("GET", "/api/ftp/session", null, token, null).body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static HttpResponse<String> send(String method, String path, String authorization, String token, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) request.header("Authorization", authorization);
        if (token != null) request.header("X-Auth-Token", token);
        if (json != null) request.header("Content-Type", "application/json");
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    /** requests, bytes in, bytes out of one API, from the server's counters. */
    static double[] counters(String api) throws Exception {
        return new double[] {metric("statelab.requests", "api:" + api), metric("statelab.bytes", "api:" + api + "&tag=direction:in"),
                metric("statelab.bytes", "api:" + api + "&tag=direction:out")};
    }

    static double metric(String name, String tags) throws Exception {
        HttpResponse<String> response = send("GET", "/actuator/metrics/" + name + "?tag=" + tags, basic, null, null);
        if (response.statusCode() == 404) return 0;
        Matcher m = Pattern.compile("\"value\":([0-9.E]+)").matcher(response.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
