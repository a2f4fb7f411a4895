package dev.statelab.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree about 2,000 levels deep, as a user could build one before folders had a depth limit (or as
 * someone builds one on the server's disk): the service still starts on it, moves and copies that would
 * deepen it further are refused with 400 and change nothing, and a recursive DELETE removes it.
 */
class DeepTreeTest {

    private static final int LEVELS = 2000;

    @TempDir
    Path root;

    @Test
    void aTreeThousandsOfLevelsDeepNeitherStopsTheStartNorResistsARecursiveDelete() throws Exception {
        Path home = Files.createDirectories(root.resolve(RunningService.USER));
        chain(home, "deep", LEVELS);
        // what a recursive delete had moved aside when the process died, the case that stopped the start
        Path aside = chain(home, TemporaryFiles.PREFIX + "crashed.part", LEVELS);

        try (RunningService service = RunningService.inProcess(root)) {
            assertThat(aside).as("removed by the start-up clean-up").doesNotExist();
            assertThat(post(service, "/box?action=mkdir").statusCode()).isEqualTo(201);

            assertDepthRefused(post(service, "/deep?action=move&to=/box/deep"));
            assertDepthRefused(post(service, "/deep?action=copy&to=/copy"));
            assertDepthRefused(post(service, "/deep/d?action=copy&to=/box/copy"));
            assertThat(home.resolve("deep/d/d")).isDirectory();
            assertThat(home.resolve("box")).isEmptyDirectory();
            assertThat(home.resolve("copy")).doesNotExist();
        }

        try (RunningService restarted = RunningService.inProcess(root)) {
            HttpResponse<String> deleted = restarted.send(restarted.files("/deep?recursive=true").DELETE().build());
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
            HttpResponse<String> listing = restarted.send(restarted.files("/").GET().build());
            assertThat(listing.body()).contains("\"box\"").doesNotContain("\"deep\"");
        }
        try (Stream<Path> left = Files.list(home)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("box");
        }
    }

    @Test
    void foldersNestAtMostMaxDepthLevelsBelowTheHome() throws Exception {
        Path home = Files.createDirectories(root.resolve(RunningService.USER));
        int limit = FileStoreProperties.DEFAULT_MAX_DEPTH;
        Files.createDirectories(home.resolve("a/".repeat(limit - 1)));
        Files.createDirectories(home.resolve("three/b/c"));
        Files.createDirectories(home.resolve("one"));

        try (RunningService service = RunningService.inProcess(root)) {
            String atLimit = "/a".repeat(limit - 1) + "/last";
            assertThat(post(service, atLimit + "?action=mkdir").statusCode()).isEqualTo(201);
            assertDepthRefused(post(service, atLimit + "/deeper?action=mkdir"));
            assertThat(home.resolve(atLimit.substring(1) + "/deeper")).doesNotExist();

            // moves and copies count the subtree they bring: a folder with two levels below it, put into one at level limit - 2, is one too deep
            String nearLimit = "/a".repeat(limit - 2);
            assertDepthRefused(post(service, "/three?action=move&to=" + nearLimit + "/three"));
            assertDepthRefused(post(service, "/three?action=copy&to=" + nearLimit + "/three"));
            assertThat(home.resolve("three/b/c")).isDirectory();
            assertThat(home.resolve(nearLimit.substring(1) + "/three")).doesNotExist();
            assertThat(post(service, "/one?action=move&to=" + nearLimit + "/one").statusCode()).isEqualTo(201);

            String token = service.ftpToken();
            HttpResponse<String> mkd = service.send(HttpRequest.newBuilder(service.uri("/api/ftp/mkd?path=" + atLimit.substring(1) + "/ftp"))
                    .header("X-Auth-Token", token).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(mkd.statusCode()).isEqualTo(400);
            assertThat(mkd.body()).contains("\"code\":553").contains("levels below your home");
        }
    }

    private static HttpResponse<String> post(RunningService service, String path) throws IOException, InterruptedException {
        return service.send(service.files(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static void assertDepthRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("levels below your home").doesNotContain("/tmp").doesNotContain("Exception");
    }

    /**
     * {@code parent/name/d/d/…}, {@code levels} folders deep. Built in pieces moved into each other, as a
     * user could have done, since one path name for the whole depth would pass the system's limit.
     */
    static Path chain(Path parent, String name, int levels) throws IOException {
        int piece = Math.min(levels, 500);
        Path top = parent.resolve(name);
        Files.createDirectories(top.resolve("d/".repeat(piece - 1)));
        for (int built = piece; built < levels; built += piece) {
            piece = Math.min(500, levels - built);
            Path next = parent.resolve(name + "-next");
            Path bottom = Files.createDirectories(next.resolve("d/".repeat(piece - 1)));
            Files.move(top, bottom.resolve("d"));
            Files.move(next, top);
        }
        assertThat(Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)).isTrue();
        return top;
    }
}
