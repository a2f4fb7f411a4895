import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens N FTP-style sessions and leaves them idle: N logins (POST /api/ftp/session), each followed by
 * one CWD so that every session holds a non-root directory, as a real client's would.
 *   java OpenSessions.java http://127.0.0.1:18180 bench bench-pw 10000
 */
public class OpenSessions {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String body = "{\"user\":\"" + args[1] + "\",\"pass\":\"" + args[2] + "\"}";
        int count = Integer.parseInt(args[3]);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    try {
                        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ftp/session"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        String token = login.headers().firstValue("X-Auth-Token").orElse(null);
                        if (login.statusCode() != 201 || token == null) {
                            failures.incrementAndGet();
                            continue;
                        }
                        HttpResponse<String> cwd = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ftp/cwd?path=docs"))
                                .header("X-Auth-Token", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (cwd.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("opened %d sessions in %.1f s (%.0f logins/s), %d failures%n",
                count - failures.get(), seconds, count / seconds, failures.get());
        if (failures.get() > 0) {
            System.exit(1);
        }
    }
}
