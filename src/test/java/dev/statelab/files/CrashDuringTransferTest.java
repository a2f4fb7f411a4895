package dev.statelab.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a service in a child JVM in the middle of a folder copy over an existing folder, and in the
 * middle of an FTP-style APPE; then a restart on the same root finds whole files and folders only (the
 * old ones or the new ones) and no leftovers, on disk or in listings.
 */
class CrashDuringTransferTest {

    private static final int SOURCE_FILES = 1500;
    private static final int OLD_FILES = 300;
    private static final int FILE_SIZE = 16 * 1024;

    @TempDir
    Path root;

    private RunningService child;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void aCopyOverAFolderKilledHalfWayLeavesTheOldFolderWholeAndNoLeftovers() throws Exception {
        Path home = Files.createDirectories(root.resolve(RunningService.USER));
        Map<String, String> source = fill(Files.createDirectories(home.resolve("src")), "new", SOURCE_FILES);
        Map<String, String> old = fill(Files.createDirectories(home.resolve("dst")), "old", OLD_FILES);

        child = RunningService.childJvm(root, "crash-during-copy");
        CompletableFuture<HttpResponse<String>> copy = RunningService.client().sendAsync(child.files(
                "/src?action=copy&to=/dst&overwrite=true").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Path building = awaitOnDisk(home, path -> Files.isDirectory(path) && count(path) > 100, copy::isDone);
        assertThat(building).as("the copy was caught half-way, under a hidden name").isNotNull();
        child.kill();
        assertThatThrownBy(() -> copy.get(1, TimeUnit.MINUTES)).as("the copy never finished").isInstanceOf(ExecutionException.class);

        try (RunningService restarted = RunningService.inProcess(root)) {
            assertThat(contents(home.resolve("dst"))).as("the old folder, whole").isEqualTo(old);
            assertThat(leftovers()).isEmpty();
            HttpResponse<String> listing = restarted.send(restarted.files("/").GET().build());
            assertThat(listing.body()).doesNotContain(TemporaryFiles.PREFIX);

            HttpResponse<String> again = restarted.send(restarted.files("/src?action=copy&to=/dst&overwrite=true")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(contents(home.resolve("dst"))).as("the new folder, whole").isEqualTo(source);
            assertThat(leftovers()).isEmpty();
        }
    }

    @Test
    void anAppendKilledHalfWayLeavesTheFileAsItWas() throws Exception {
        Path home = Files.createDirectories(root.resolve(RunningService.USER));
        byte[] original = new byte[1024 * 1024];
        new Random(3).nextBytes(original);
        Path file = Files.write(home.resolve("log.bin"), original);

        child = RunningService.childJvm(root, "crash-during-append");
        String token = child.ftpToken();
        CountDownLatch killed = new CountDownLatch(1);
        long sentBeforeWaiting = 64L * 1024 * 1024;
        Supplier<InputStream> body = () -> new StallingBody(sentBeforeWaiting, killed);
        CompletableFuture<HttpResponse<String>> append = RunningService.client().sendAsync(
                HttpRequest.newBuilder(child.uri("/api/ftp/appe?path=log.bin")).header("X-Auth-Token", token)
                        .header("Content-Type", "application/octet-stream").timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Path temp = awaitOnDisk(home, path -> Files.isRegularFile(path) && Files.size(path) > original.length + 16L * 1024 * 1024,
                append::isDone);
        assertThat(temp).as("the append was caught half-way, in a temporary file").isNotNull();
        child.kill();
        killed.countDown();

        try (RunningService restarted = RunningService.inProcess(root)) {
            assertThat(Files.readAllBytes(file)).as("the file as it was before the append").isEqualTo(original);
            assertThat(leftovers()).isEmpty();
            HttpResponse<String> listing = restarted.send(restarted.files("/").GET().build());
            assertThat(listing.body()).contains("\"log.bin\"").doesNotContain(TemporaryFiles.PREFIX);
        }
    }

    /** Waits (up to two minutes) for a hidden entry directly in {@code folder} that passes {@code test}. */
    private static Path awaitOnDisk(Path folder, IoPredicate test, Supplier<Boolean> gaveUp) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && !gaveUp.get()) {
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path entry : entries.filter(TemporaryFiles::isTemporary).toList()) {
                    try {
                        if (test.test(entry)) {
                            return entry;
                        }
                    } catch (IOException gone) {
                        // renamed or removed meanwhile
                    }
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    interface IoPredicate {
        boolean test(Path path) throws IOException;
    }

    private static long count(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.count();
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(TemporaryFiles::isTemporary).toList();
        }
    }

    /** {@code count} files of {@link #FILE_SIZE} bytes, each different; answers name to SHA-256. */
    private static Map<String, String> fill(Path folder, String tag, int count) throws Exception {
        Random random = new Random(tag.hashCode());
        byte[] content = new byte[FILE_SIZE];
        for (int i = 0; i < count; i++) {
            random.nextBytes(content);
            byte[] label = (tag + "-" + i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(label, 0, content, 0, label.length);
            Files.write(folder.resolve(tag + "-" + i + ".bin"), content);
        }
        return contents(folder);
    }

    private static Map<String, String> contents(Path folder) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                files.put(entry.getFileName().toString(), HexFormat.of().formatHex(digest.digest(Files.readAllBytes(entry))));
            }
        }
        return files;
    }

    /** Sends {@code before} bytes, then waits until the server was killed, then fails (the connection is gone anyway). */
    private static final class StallingBody extends InputStream {

        private final long before;
        private final CountDownLatch killed;
        private long sent;

        StallingBody(long before, CountDownLatch killed) {
            this.before = before;
            this.killed = killed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (sent >= before) {
                try {
                    killed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the server is gone");
            }
            int count = (int) Math.min(length, before - sent);
            java.util.Arrays.fill(buffer, offset, offset + count, (byte) 'x');
            sent += count;
            return count;
        }
    }

}
