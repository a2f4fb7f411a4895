package dev.statelab.files;

import static dev.statelab.files.StoreFixture.USER;
import static dev.statelab.files.StoreFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** A folder replaced by a copy or a move is swapped in whole; an interrupted swap is undone at start-up. */
class FolderReplacementTest {

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private FileStore store;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new StoreFixture(tempDir);
        store = fixture.store();
    }

    @Test
    void aSwapCutBetweenItsTwoRenamesIsUndoneAtStartUp() throws IOException {
        // what a crash leaves after the old folder went aside and before the new one came in
        Path aside = Files.createDirectories(fixture.home.resolve(TemporaryFiles.PREFIX + "1.old"));
        Files.writeString(aside.resolve("kept.txt"), "old and whole");
        Files.writeString(fixture.home.resolve(TemporaryFiles.PREFIX + "1.swap"), "target");
        Path half = Files.createDirectories(fixture.home.resolve(TemporaryFiles.PREFIX + "2.part"));
        Files.writeString(half.resolve("half.txt"), "half a copy");

        fixture.store();

        assertThat(Files.readString(fixture.home.resolve("target/kept.txt"))).isEqualTo("old and whole");
        assertThat(StoreFixture.temporaryFilesIn(fixture.root)).isZero();
    }

    @Test
    void aSwapThatHadCompletedKeepsTheNewFolderAtStartUp() throws IOException {
        Files.createDirectories(fixture.home.resolve(TemporaryFiles.PREFIX + "1.old"));
        Files.writeString(fixture.home.resolve(TemporaryFiles.PREFIX + "1.swap"), "docs");

        fixture.store();

        assertThat(fixture.home.resolve("docs/notes.txt")).hasContent("alice's notes");
        assertThat(StoreFixture.temporaryFilesIn(fixture.root)).isZero();
    }

    @Test
    void copyAndMoveOverAFolderReplaceItWhole() throws IOException {
        store.write(USER, UserPath.parse("sub/old.txt"), body("old"), -1, WritePrecondition.NONE);

        store.copy(USER, UserPath.parse("docs"), UserPath.parse("sub"), true);
        assertThat(names("sub")).containsExactly("notes.txt");

        store.mkdir(USER, UserPath.parse("other"));
        store.write(USER, UserPath.parse("other/o.txt"), body("o"), -1, WritePrecondition.NONE);
        store.move(USER, UserPath.parse("other"), UserPath.parse("sub"), true);
        assertThat(names("sub")).containsExactly("o.txt");
        assertThat(store.find(USER, UserPath.parse("other"))).isNull();
        assertThat(StoreFixture.temporaryFilesIn(fixture.root)).isZero();
    }

    @Test
    void aFailedCopyOverAFolderLeavesTheOldFolderWhole() throws IOException {
        FileStore small = fixture.store(DataSize.ofBytes(10));
        Files.writeString(fixture.home.resolve("docs/a-small.txt"), "small");
        Files.writeString(fixture.home.resolve("docs/z-large.txt"), "far larger than ten bytes");
        Files.writeString(fixture.home.resolve("sub/old.txt"), "old");

        assertThatThrownBy(() -> small.copy(USER, UserPath.parse("docs"), UserPath.parse("sub"), true))
                .isInstanceOf(UploadTooLargeException.class);

        assertThat(names("sub")).containsExactly("old.txt");
        assertThat(StoreFixture.temporaryFilesIn(fixture.root)).isZero();
    }

    @Test
    void writersIntoTheDestinationNeverMakeACopyFailWithAConflict() throws Exception {
        for (int i = 0; i < 200; i++) {
            Files.writeString(fixture.home.resolve("docs/f" + i + ".txt"), "content " + i);
        }
        AtomicBoolean copying = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                running.add(writers.submit(() -> {
                    for (int n = 0; copying.get(); n++) {
                        try {
                            store.write(USER, UserPath.parse("sub/f" + (n % 200) + ".txt"),
                                    body("writer"), -1, WritePrecondition.NONE);
                        } catch (FileNotFoundException replacedMeanwhile) {
                            // the folder it wrote into was swapped out: its write went with the old folder
                        }
                    }
                    return null;
                }));
            }
            for (int round = 0; round < 5; round++) {
                StoredFile copied = store.copy(USER, UserPath.parse("docs"), UserPath.parse("sub"), true);
                assertThat(copied.path()).isEqualTo(UserPath.parse("sub"));
            }
            copying.set(false);
            for (Future<?> writer : running) {
                writer.get();
            }
        } finally {
            copying.set(false);
            writers.shutdownNow();
        }
        assertThat(Files.readString(fixture.home.resolve("docs/f7.txt"), StandardCharsets.UTF_8)).isEqualTo("content 7");
        assertThat(StoreFixture.temporaryFilesIn(fixture.home.resolve("docs"))).isZero();
    }

    private List<String> names(String folder) {
        return store.list(USER, UserPath.parse(folder)).stream().map(StoredFile::name).toList();
    }
}
