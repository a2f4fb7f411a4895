package dev.statelab.files;

import static dev.statelab.files.StoreFixture.USER;
import static dev.statelab.files.StoreFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** {@code statelab.storage.max-depth} set to 3: what may nest and what is refused, with nothing changed. */
class DepthLimitTest {

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private FileStore store;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new StoreFixture(tempDir);
        store = new FileStore(new FileStoreProperties(fixture.root, DataSize.ofMegabytes(1), 3));
    }

    @Test
    void mkdirStopsAtTheConfiguredDepth() {
        store.mkdir(USER, UserPath.parse("a"));
        store.mkdir(USER, UserPath.parse("a/b"));
        store.mkdir(USER, UserPath.parse("a/b/c"));

        assertThatThrownBy(() -> store.mkdir(USER, UserPath.parse("a/b/c/d")))
                .isInstanceOf(FolderTooDeepException.class).hasMessageContaining("more than 3 levels");
        assertThat(store.find(USER, UserPath.parse("a/b/c/d"))).isNull();
        // files may sit in the deepest folder: only folders count
        store.write(USER, UserPath.parse("a/b/c/file.txt"), body("x"), -1, WritePrecondition.NONE);
    }

    @Test
    void movesAndCopiesCountTheWholeSubtreeTheyBring() {
        store.mkdir(USER, UserPath.parse("tree"));
        store.mkdir(USER, UserPath.parse("tree/inner"));
        store.mkdir(USER, UserPath.parse("x"));
        store.mkdir(USER, UserPath.parse("x/y"));

        assertThatThrownBy(() -> store.move(USER, UserPath.parse("tree"), UserPath.parse("x/y/tree"), false))
                .isInstanceOf(FolderTooDeepException.class);
        assertThatThrownBy(() -> store.copy(USER, UserPath.parse("tree"), UserPath.parse("x/y/tree"), false))
                .isInstanceOf(FolderTooDeepException.class);
        assertThat(store.find(USER, UserPath.parse("x/y/tree"))).isNull();
        assertThat(store.find(USER, UserPath.parse("tree/inner"))).isNotNull();

        assertThat(store.copy(USER, UserPath.parse("tree"), UserPath.parse("x/tree"), false).isDirectory()).isTrue();
        assertThat(store.move(USER, UserPath.parse("tree"), UserPath.parse("x/moved"), false).isDirectory()).isTrue();
        assertThat(store.move(USER, UserPath.parse("docs/notes.txt"), UserPath.parse("x/moved/inner/notes.txt"), false)
                .isDirectory()).isFalse();
    }

    @Test
    void theLimitIsTheSettingStatelabStorageMaxDepth() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("statelab.storage.max-depth=7")
                .run(context -> assertThat(context.getBean(FileStoreProperties.class).maxDepth()).isEqualTo(7));
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .run(context -> assertThat(context.getBean(FileStoreProperties.class).maxDepth()).isEqualTo(256));
    }

    @EnableConfigurationProperties(FileStoreProperties.class)
    static class Settings {
    }

    @Test
    void aDepthBelowOneIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new FileStoreProperties(fixture.root, DataSize.ofMegabytes(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-depth");
    }
}
