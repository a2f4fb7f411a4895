package dev.statelab.files;

import static dev.statelab.files.StoreFixture.USER;
import static dev.statelab.files.StoreFixture.body;
import static dev.statelab.files.StoreFixture.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What others may leave in a home on the server's disk: named pipes, links between the user's own files. */
class SpecialFilesTest {

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private FileStore store;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new StoreFixture(tempDir).withLinks();
        store = fixture.store();
    }

    @Test
    @Timeout(10)
    void aNamedPipeIsNeitherListedNorOpened() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", fixture.home.resolve("docs/pipe").toString()).start();
        assumeTrue(mkfifo.waitFor(5, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");

        assertThat(store.list(USER, UserPath.parse("docs"))).extracting(StoredFile::name).containsExactly("notes.txt");
        // Opening a pipe for reading would wait for a writer forever, holding the request's thread.
        assertThatThrownBy(() -> store.read(USER, UserPath.parse("docs/pipe"))).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.copy(USER, UserPath.parse("docs/pipe"), UserPath.parse("x"), false))
                .isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void writingThroughALinkInsideTheHomeReplacesTheTargetAndKeepsTheLink() throws IOException {
        UserPath viaLink = UserPath.parse("docs-link/notes.txt");
        Files.createSymbolicLink(fixture.home.resolve("notes-link"), Path.of("docs/notes.txt"));
        UserPath fileLink = UserPath.parse("notes-link");

        store.write(USER, viaLink, body("v2"), -1, WritePrecondition.NONE);
        String etag = store.stat(USER, fileLink).etag();
        store.write(USER, fileLink, body("v3"), -1, WritePrecondition.ifMatch(etag));
        store.append(USER, fileLink, body("+"));

        assertThat(Files.isSymbolicLink(fixture.home.resolve("notes-link"))).isTrue();
        assertThat(content(store.read(USER, UserPath.parse("docs/notes.txt")))).isEqualTo("v3+");
        assertThat(store.stat(USER, fileLink).etag()).isEqualTo(store.stat(USER, UserPath.parse("docs/notes.txt")).etag());
    }

    @Test
    void movingALinkMovesTheLinkNotItsTarget() throws IOException {
        assertThatThrownBy(() -> store.move(USER, UserPath.parse("docs-link"), UserPath.parse("sub/renamed-link"), false))
                .as("the relative link would point at sub/docs, which does not exist").isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.move(USER, UserPath.parse("docs-link"), UserPath.parse("escape/x"), false))
                .isInstanceOf(InvalidPathException.class);

        store.move(USER, UserPath.parse("docs-link"), UserPath.parse("renamed-link"), false);

        assertThat(Files.isSymbolicLink(fixture.home.resolve("renamed-link"))).isTrue();
        assertThat(content(store.read(USER, UserPath.parse("renamed-link/notes.txt")))).isEqualTo("alice's notes");
        assertThat(fixture.home.resolve("docs/notes.txt")).exists();
        assertThat(Files.exists(fixture.home.resolve("docs-link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aRecursiveDeleteNeverFollowsALinkInsideTheTree() throws IOException {
        Files.createDirectories(fixture.home.resolve("tree/inner"));
        Files.createSymbolicLink(fixture.home.resolve("tree/inner/to-docs"), fixture.home.resolve("docs"));
        Files.createSymbolicLink(fixture.home.resolve("tree/to-outside"), fixture.outside);

        store.delete(USER, UserPath.parse("tree"), true);

        assertThat(fixture.home.resolve("tree")).doesNotExist();
        assertThat(fixture.home.resolve("docs/notes.txt")).exists();
        assertThat(fixture.outside.resolve("secret2.txt")).exists();
    }
}
