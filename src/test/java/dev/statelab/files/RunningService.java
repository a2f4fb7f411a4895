package dev.statelab.files;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.statelab.support.BasicHeader;
import dev.statelab.StatelabApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service on a storage root, on a free port: in this JVM (a new application context each
 * time, as a restart) or in a child JVM that a test can kill with {@code kill -9}. Account
 * {@code alice}, password {@link #PASSWORD}; the FTP port and the sockets lab stay off.
 */
final class RunningService implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "alice-pw";

    private final int port;
    private final ConfigurableApplicationContext context;
    private final Process process;

    private RunningService(int port, ConfigurableApplicationContext context, Process process) {
        this.port = port;
        this.context = context;
        this.process = process;
    }

    private static List<String> arguments(Path root, int port) {
        return List.of("--server.port=" + port, "--server.address=127.0.0.1", "--statelab.storage.root=" + root,
                "--statelab.users.accounts." + USER + ".password={noop}" + PASSWORD,
                "--statelab.ftp.port=-1", "--statelab.sockets.tcp-port=-1", "--statelab.sockets.udp-port=-1",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");
    }

    static RunningService inProcess(Path root) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StatelabApplication.class)
                .run(arguments(root, 0).toArray(String[]::new));
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
        return new RunningService(port, context, null);
    }

    static RunningService childJvm(Path root, String logName) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", mainClassPath(), StatelabApplication.class.getName()));
        command.addAll(arguments(root, port));
        File log = new File("target/" + logName + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        RunningService service = new RunningService(port, null, process);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (service.send(HttpRequest.newBuilder(service.uri("/actuator/health")).build()).statusCode() == 200) {
                    return service;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly().waitFor();
        throw new AssertionError("statelab did not start; see " + log.getAbsolutePath());
    }

    /** The application's class path, without the test classes (their configurations are not the application's). */
    private static String mainClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').replaceAll("/$", "").endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String basic() {
        return BasicHeader.basic(USER, PASSWORD);
    }

    /** A request to the stateless file API, {@code path} below {@code /api/http/files}, with alice's credentials. */
    HttpRequest.Builder files(String path) {
        return HttpRequest.newBuilder(uri("/api/http/files" + path)).header("Authorization", basic())
                .timeout(Duration.ofMinutes(5));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Logs in to the FTP-style API and answers the session token. */
    String ftpToken() throws IOException, InterruptedException {
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/ftp/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + USER + "\",\"pass\":\"" + PASSWORD + "\"}"))
                .build());
        if (login.statusCode() != 201) {
            throw new AssertionError("login failed: " + login.statusCode() + " " + login.body());
        }
        return login.headers().firstValue("X-Auth-Token").orElseThrow();
    }

    /** kill -9: the child JVM gets no chance to clean up. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (context != null) {
            context.close();
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
