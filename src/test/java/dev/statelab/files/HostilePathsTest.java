package dev.statelab.files;

import static dev.statelab.files.StoreFixture.USER;
import static dev.statelab.files.StoreFixture.body;
import static dev.statelab.files.StoreFixture.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the corpus in {@code hostile-paths.txt}: each path is refused as text, or is proven through the
 * store to stay in the home: nothing outside it is read, listed, written, deleted or replaced.
 */
class HostilePathsTest {

    private static final Pattern REPEAT = Pattern.compile("\\{\\{(\\d+)\\*(.*?)}}");
    private static final Pattern UNICODE = Pattern.compile("\\\\u([0-9A-Fa-f]{4})");

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private FileStore store;

    @BeforeEach
    void plant() throws IOException {
        fixture = new StoreFixture(tempDir).withLinks();
        store = fixture.store();
    }

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = HostilePathsTest.class.getResourceAsStream("/hostile-paths.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                assertThat(columns).as("three columns in: %s", line).hasSize(3);
                assertThat(columns[2]).as("a source for: %s", line).isNotBlank();
                rows.add(Arguments.of(columns[0], unescape(columns[1]), columns[1], columns[2]));
            }
        }
        assertThat(rows).hasSizeGreaterThanOrEqualTo(60);
        return rows.stream();
    }

    static String unescape(String text) {
        Matcher repeat = REPEAT.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(expanded, Matcher.quoteReplacement(repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
        }
        repeat.appendTail(expanded);
        StringBuilder out = new StringBuilder();
        String s = expanded.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                out.append('\\');
                i++;
            } else if (c == '\\' && UNICODE.matcher(s).region(i, s.length()).lookingAt()) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "[{index}] {0} {2}  ({3})")
    @MethodSource("corpus")
    void hostilePathIsRefusedOrStaysInTheHome(String expectation, String path, String written, String source) throws IOException {
        UserPath cwd = UserPath.parse("sub");
        switch (expectation) {
            case "refused" -> {
                assertThatThrownBy(() -> UserPath.parse(path)).isInstanceOf(InvalidPathException.class);
                assertThatThrownBy(() -> cwd.navigate(path)).isInstanceOf(InvalidPathException.class);
                assertThatThrownBy(() -> UserPath.ROOT.navigate(path)).isInstanceOf(InvalidPathException.class);
            }
            case "inside" -> {
                assertStaysInside(UserPath.parse(path), true);
                assertStaysInside(cwd.navigate(path), true);
            }
            case "navigate-inside" -> {
                assertThatThrownBy(() -> UserPath.parse(path)).isInstanceOf(InvalidPathException.class);
                assertStaysInside(cwd.navigate(path), false);
            }
            case "link-refused" -> assertEveryOperationRefused(UserPath.ROOT.navigate(path));
            default -> throw new AssertionError("unknown expectation " + expectation);
        }
    }

    /**
     * Drives every operation at the path and proves where it landed: what is written appears at the
     * path's place in the home and nowhere else, and nothing outside the home changes.
     */
    private void assertStaysInside(UserPath path, boolean mustBeWritable) throws IOException {
        Map<String, String> before = fixture.outsideSnapshot();
        Path location = Jail.forUser(fixture.root, USER).locate(path).entry();
        assertThat(location.normalize().startsWith(fixture.home.toRealPath())).as("%s in the home", location).isTrue();

        List<UserPath> ancestors = new ArrayList<>();
        for (UserPath ancestor = path.parent(); !ancestor.isRoot(); ancestor = ancestor.parent()) {
            ancestors.add(0, ancestor);
        }
        for (UserPath ancestor : ancestors) {
            if (store.find(USER, ancestor) == null) {
                store.mkdir(USER, ancestor);
            }
        }
        if (!path.isRoot() && (store.find(USER, path) == null || !store.stat(USER, path).isDirectory())) {
            String probe = "probe " + path;
            Throwable failure = catchThrowable(() -> store.write(USER, path, body(probe), -1, WritePrecondition.NONE));
            if (mustBeWritable) {
                assertThat(failure).isNull();
            }
            if (failure == null) {
                assertThat(Files.readString(fixture.home.resolve(String.join("/", path.segments())))).isEqualTo(probe);
                assertThat(content(store.read(USER, path))).isEqualTo(probe);
                store.append(USER, path, body("+"));
                store.copy(USER, path, UserPath.parse("copied"), true);
                store.move(USER, UserPath.parse("copied"), path, true);
                assertThat(content(store.read(USER, path))).isEqualTo(probe + "+");
                store.delete(USER, path, false);
            } else {
                assertThat(failure).isInstanceOf(FileStoreException.class);
            }
        }
        UserPath folder = path.isRoot() ? path : path.parent();
        for (StoredFile entry : store.list(USER, folder)) {
            assertThat(entry.name()).isNotIn("escape", "secret-link", "dangling");
            if (!entry.isDirectory()) {
                assertThat(content(store.read(USER, entry.path()))).doesNotContain("SECRET");
            }
        }
        assertThat(fixture.outsideSnapshot()).isEqualTo(before);
    }

    private void assertEveryOperationRefused(UserPath path) {
        Map<String, String> before = fixture.outsideSnapshot();
        UserPath inside = UserPath.parse("docs/notes.txt");
        List<Runnable> operations = List.of(
                () -> store.find(USER, path),
                () -> store.stat(USER, path),
                () -> store.read(USER, path),
                () -> store.list(USER, path),
                () -> store.write(USER, path, body("x"), -1, WritePrecondition.NONE),
                () -> store.append(USER, path, body("x")),
                () -> store.mkdir(USER, path),
                () -> store.delete(USER, path, true),
                () -> store.move(USER, path, UserPath.parse("taken"), true),
                () -> store.move(USER, inside, path, true),
                () -> store.copy(USER, path, UserPath.parse("taken"), true),
                () -> store.copy(USER, inside, path, true));
        for (Runnable operation : operations) {
            assertThatThrownBy(operation::run).isInstanceOf(InvalidPathException.class);
        }
        assertThat(fixture.outsideSnapshot()).isEqualTo(before);
        assertThat(store.find(USER, UserPath.parse("taken"))).isNull();
        assertThat(store.find(USER, inside)).isNotNull();
    }

    @Test
    void linksOutOfTheHomeAreNotListed() {
        List<String> names = store.list(USER, UserPath.ROOT).stream().map(StoredFile::name).toList();

        assertThat(names).containsExactly("docs", "docs-link", "sub");
    }

    @Test
    void aLinkInsideTheHomePointingInsideIsFollowedForReading() throws IOException {
        assertThat(content(store.read(USER, UserPath.parse("docs-link/notes.txt")))).isEqualTo("alice's notes");
        assertThat(store.list(USER, UserPath.parse("docs-link"))).extracting(StoredFile::name).containsExactly("notes.txt");
    }

    @Test
    void deletingALinkInsideTheHomeRemovesTheLinkNotItsTarget() {
        store.delete(USER, UserPath.parse("docs-link"), true);

        assertThat(Files.exists(fixture.home.resolve("docs-link"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(store.find(USER, UserPath.parse("docs/notes.txt"))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "", "a/b", "../bob", "alice/../bob", "bob\u0000", "-rf", ".statelab-upload-x"})
    void userNamesThatCannotBeAHomeAreRefused(String user) {
        Map<String, String> before = fixture.outsideSnapshot();

        assertThatThrownBy(() -> store.list(user, UserPath.ROOT)).isInstanceOf(FileStoreException.class);
        assertThatThrownBy(() -> store.write(user, UserPath.parse("x"), body("x"), -1, WritePrecondition.NONE))
                .isInstanceOf(FileStoreException.class);
        assertThat(fixture.outsideSnapshot()).isEqualTo(before);
    }
}
