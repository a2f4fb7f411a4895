package dev.statelab.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The parts of UserPath's contract the hostile corpus does not spell out. */
class UserPathTest {

    @Test
    void parseDropsEmptyAndDotSegmentsAndPrintsFromTheRoot() {
        assertThat(UserPath.parse("//a/./b/")).hasToString("/a/b");
        assertThat(UserPath.parse("")).isEqualTo(UserPath.ROOT).hasToString("/");
        assertThat(UserPath.parse("/").isRoot()).isTrue();
    }

    @Test
    void navigateResolvesAgainstTheCurrentFolderAndStopsAtTheRoot() {
        UserPath cwd = UserPath.parse("a/b");

        assertThat(cwd.navigate("c")).hasToString("/a/b/c");
        assertThat(cwd.navigate("../c")).hasToString("/a/c");
        assertThat(cwd.navigate("/x")).hasToString("/x");
        assertThat(cwd.navigate("../../../../..")).isEqualTo(UserPath.ROOT);
    }

    @Test
    void aPathBuiltFromSegmentsIsCheckedLikeAParsedOne() {
        assertThatThrownBy(() -> new UserPath(List.of("..", "etc"))).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> new UserPath(List.of("a/b"))).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> new UserPath(List.of(""))).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> new UserPath(List.of("x\u0000"))).isInstanceOf(InvalidPathException.class);
        assertThat(new UserPath(List.of("a", "b"))).isEqualTo(UserPath.parse("a/b"));
    }

    @Test
    void childTakesExactlyOneName() {
        assertThat(UserPath.parse("a").child("b.txt")).hasToString("/a/b.txt");
        assertThat(UserPath.ROOT.child("b")).hasToString("/b");
        assertThatThrownBy(() -> UserPath.ROOT.child("a/b")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> UserPath.ROOT.child("..")).isInstanceOf(InvalidPathException.class);
    }

    @Test
    void insideAndParentFollowTheSegments() {
        UserPath docs = UserPath.parse("docs");

        assertThat(UserPath.parse("docs/a").isInside(docs)).isTrue();
        assertThat(UserPath.parse("docsx/a").isInside(docs)).isFalse();
        assertThat(docs.isInside(docs)).isFalse();
        assertThat(UserPath.parse("docs/a").parent()).isEqualTo(docs);
        assertThat(UserPath.ROOT.parent()).isEqualTo(UserPath.ROOT);
    }

    @Test
    void namesThatAreOnlyUnusualOnWindowsButSafeInsideAreKept() {
        assertThat(UserPath.parse("console.log").name()).isEqualTo("console.log");
        assertThat(UserPath.parse(".hidden").name()).isEqualTo(".hidden");
        assertThat(UserPath.parse("50% off").name()).isEqualTo("50% off");
        assertThat(UserPath.parse(" leading space").name()).isEqualTo(" leading space");
    }
}
