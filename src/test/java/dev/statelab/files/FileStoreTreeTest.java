package dev.statelab.files;

import static dev.statelab.files.StoreFixture.USER;
import static dev.statelab.files.StoreFixture.body;
import static dev.statelab.files.StoreFixture.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders, delete, move and copy, paths through files, Unicode names and listings. */
class FileStoreTreeTest {

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private FileStore store;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new StoreFixture(tempDir);
        store = fixture.store();
    }

    private UserPath put(String path, String text) {
        UserPath p = UserPath.parse(path);
        for (int depth = 1; depth < p.segments().size(); depth++) {
            UserPath folder = new UserPath(p.segments().subList(0, depth));
            if (store.find(USER, folder) == null) {
                store.mkdir(USER, folder);
            }
        }
        store.write(USER, p, body(text), -1, WritePrecondition.NONE);
        return p;
    }

    private String text(String path) throws IOException {
        return content(store.read(USER, UserPath.parse(path)));
    }

    @Test
    void mkdirCreatesOnceAndNeedsItsParent() {
        assertThat(store.mkdir(USER, UserPath.parse("new")).isDirectory()).isTrue();
        assertThatThrownBy(() -> store.mkdir(USER, UserPath.parse("new"))).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> store.mkdir(USER, UserPath.parse("docs/notes.txt"))).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> store.mkdir(USER, UserPath.parse("a/b"))).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.mkdir(USER, UserPath.ROOT)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void deleteRemovesFilesAndEmptyFoldersAndRecursesOnlyWhenAsked() {
        put("full/inner/deep.txt", "x".repeat(0));
        assertThatThrownBy(() -> store.delete(USER, UserPath.parse("full"), false)).isInstanceOf(DirectoryNotEmptyException.class);

        store.delete(USER, UserPath.parse("full"), true);
        store.delete(USER, UserPath.parse("docs/notes.txt"), false);
        store.delete(USER, UserPath.parse("docs"), false);

        assertThat(store.list(USER, UserPath.ROOT)).extracting(StoredFile::name).containsExactly("sub");
        assertThatThrownBy(() -> store.delete(USER, UserPath.parse("docs"), false)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.delete(USER, UserPath.ROOT, true)).isInstanceOf(InvalidPathException.class);
        assertThat(fixture.outsideSnapshot()).containsKey("secret.txt");
    }

    @Test
    void moveRenamesAndReplacesOnlyWithOverwrite() throws IOException {
        put("a.txt", "A");
        put("b.txt", "B");

        assertThatThrownBy(() -> store.move(USER, UserPath.parse("a.txt"), UserPath.parse("b.txt"), false))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(text("b.txt")).isEqualTo("B");

        store.move(USER, UserPath.parse("a.txt"), UserPath.parse("b.txt"), true);
        store.move(USER, UserPath.parse("b.txt"), UserPath.parse("sub/c.txt"), false);

        assertThat(text("sub/c.txt")).isEqualTo("A");
        assertThat(store.find(USER, UserPath.parse("a.txt"))).isNull();
        assertThatThrownBy(() -> store.move(USER, UserPath.parse("a.txt"), UserPath.parse("z.txt"), false))
                .isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.move(USER, UserPath.parse("sub/c.txt"), UserPath.parse("nowhere/c.txt"), false))
                .isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void foldersMoveAndCopyWholeButNeverIntoThemselves() throws IOException {
        put("docs/inner/deep.txt", "deep");

        assertThatThrownBy(() -> store.move(USER, UserPath.parse("docs"), UserPath.parse("docs/inner/docs"), false))
                .isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.copy(USER, UserPath.parse("docs"), UserPath.parse("docs/copy"), false))
                .isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.move(USER, UserPath.parse("docs"), UserPath.parse("docs"), true))
                .isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.move(USER, UserPath.ROOT, UserPath.parse("x"), true)).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.copy(USER, UserPath.parse("docs"), UserPath.ROOT, true)).isInstanceOf(InvalidPathException.class);

        store.copy(USER, UserPath.parse("docs"), UserPath.parse("sub/docs"), false);
        store.move(USER, UserPath.parse("docs"), UserPath.parse("moved"), false);

        assertThat(text("sub/docs/inner/deep.txt")).isEqualTo("deep");
        assertThat(text("moved/notes.txt")).isEqualTo("alice's notes");
        assertThatThrownBy(() -> store.copy(USER, UserPath.parse("moved"), UserPath.parse("sub/docs"), false))
                .isInstanceOf(FileAlreadyExistsException.class);
        put("moved/only-here.txt", "new");
        store.copy(USER, UserPath.parse("moved"), UserPath.parse("sub/docs"), true);
        assertThat(text("sub/docs/only-here.txt")).isEqualTo("new");
        assertThatThrownBy(() -> store.move(USER, UserPath.parse("moved"), UserPath.parse("sub/docs/only-here.txt"), true))
                .isInstanceOf(NotADirectoryException.class);
    }

    @Test
    void copyOfAFileLeavesTheSourceAndReplacesOnlyWithOverwrite() throws IOException {
        put("a.txt", "A");
        put("b.txt", "B");

        assertThatThrownBy(() -> store.copy(USER, UserPath.parse("a.txt"), UserPath.parse("b.txt"), false))
                .isInstanceOf(FileAlreadyExistsException.class);
        store.copy(USER, UserPath.parse("a.txt"), UserPath.parse("b.txt"), true);

        assertThat(text("a.txt")).isEqualTo("A");
        assertThat(text("b.txt")).isEqualTo("A");
        assertThatThrownBy(() -> store.copy(USER, UserPath.parse("a.txt"), UserPath.parse("docs"), true))
                .isInstanceOf(NotAFileException.class);
    }

    @Test
    void aPathThroughAFileIsAClearStoreError() {
        UserPath through = UserPath.parse("docs/notes.txt/b");

        assertThat(store.find(USER, through)).isNull();
        assertThatThrownBy(() -> store.stat(USER, through)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.read(USER, through)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.list(USER, through)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.list(USER, UserPath.parse("docs/notes.txt"))).isInstanceOf(NotADirectoryException.class);
        assertThatThrownBy(() -> store.read(USER, UserPath.parse("docs"))).isInstanceOf(NotAFileException.class);
        assertThatThrownBy(() -> store.mkdir(USER, through)).isInstanceOf(NotADirectoryException.class);
        assertThatThrownBy(() -> store.delete(USER, through, true)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.append(USER, through, body("x"))).isInstanceOf(NotADirectoryException.class);
        assertThatThrownBy(() -> store.move(USER, through, UserPath.parse("x"), true)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.move(USER, UserPath.parse("docs/notes.txt"), UserPath.parse("docs/notes.txt/x/y"), true))
                .isInstanceOf(FileStoreException.class);
        assertThatThrownBy(() -> store.copy(USER, UserPath.parse("sub"), through, true)).isInstanceOf(NotADirectoryException.class);
    }

    @Test
    void unicodeNamesRoundTripExactlyAsWritten() throws IOException {
        List<String> names = List.of(
                "caf\u00E9.txt",            // NFC
                "cafe\u0301.txt",           // NFD: a different name on Linux, kept apart
                "\uD83D\uDE00 smile.txt",   // emoji outside the BMP
                "\u6F22\u5B57\u30D5\u30A1\u30A4\u30EB.txt",
                "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627.txt",  // Hebrew and Arabic (RTL)
                "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67.txt");         // ZWJ sequence
        for (String name : names) {
            put("sub/" + name, "content of " + name);
        }

        List<String> listed = store.list(USER, UserPath.parse("sub")).stream().map(StoredFile::name).toList();

        assertThat(listed).containsExactlyInAnyOrderElementsOf(names).isSorted();
        for (String name : names) {
            assertThat(text("sub/" + name)).isEqualTo("content of " + name);
            assertThat(fixture.home.resolve("sub").resolve(name)).exists();
        }
    }

    @Test
    void listingIsSortedAndHidesTemporaryFiles() throws IOException {
        put("sub/b.txt", "b");
        put("sub/A.txt", "a");
        put("sub/a.txt", "a");
        store.mkdir(USER, UserPath.parse("sub/c"));
        Files.writeString(fixture.home.resolve("sub/.statelab-upload-1.part"), "partial");
        Files.writeString(fixture.home.resolve("sub/back\\slash"), "made outside the store");

        assertThat(store.list(USER, UserPath.parse("sub"))).extracting(StoredFile::name)
                .containsExactly("A.txt", "a.txt", "b.txt", "c");
    }

    @Test
    void movesAndDeletesRacingWithConditionalWritesLoseNothing() throws Exception {
        UserPath target = put("race.txt", "start");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 30; round++) {
                String etag = store.stat(USER, target).etag();
                UserPath incoming = put("incoming-" + round + ".txt", "moved " + round);
                Future<Boolean> write = pool.submit(() -> {
                    try {
                        store.write(USER, target, body("written " + etag), -1, WritePrecondition.ifMatch(etag));
                        return true;
                    } catch (PreconditionFailedException e) {
                        return false;
                    }
                });
                Future<?> move = pool.submit(() -> store.move(USER, incoming, target, true));
                boolean written = write.get(30, TimeUnit.SECONDS);
                move.get(30, TimeUnit.SECONDS);
                String now = text("race.txt");
                // Either the write went first and the move replaced it, or the move went first and the
                // write (whose ETag no longer matched) was refused: the moved file is never lost.
                assertThat(now).isEqualTo("moved " + round);
                assertThat(written || now.startsWith("moved")).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(StoreFixture.temporaryFilesIn(fixture.root)).isZero();
    }

    @Test
    void aRecursiveDeleteSucceedsWhileWritersKeepAddingToTheFolder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                store.mkdir(USER, UserPath.parse("busy"));
                put("busy/seed.txt", "seed");
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch writing = new CountDownLatch(1);
                Future<?> writers = pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            store.write(USER, UserPath.parse("busy/f" + (i % 50)), body("data " + i), -1, WritePrecondition.NONE);
                            writing.countDown();
                        } catch (FileNotFoundException gone) {
                            // the folder was deleted under the writer: the expected outcome
                        }
                    }
                });
                // Delete only once a write has gone through, so the deletion races a writer that is running
                // however slowly the machine schedules it; any error other than "not found" fails the round.
                assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
                try {
                    store.delete(USER, UserPath.parse("busy"), true);
                } finally {
                    stop.set(true);
                    writers.get(30, TimeUnit.SECONDS);
                }
                assertThat(store.find(USER, UserPath.parse("busy"))).isNull();
                assertThat(fixture.home.resolve("busy")).doesNotExist();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(StoreFixture.temporaryFilesIn(fixture.home)).isZero();
        assertThat(store.list(USER, UserPath.ROOT)).extracting(StoredFile::name).containsExactly("docs", "sub");
    }

    @Test
    void aFolderCopyThatFailsLeavesNoPartialCopy() throws IOException {
        FileStore small = fixture.store(org.springframework.util.unit.DataSize.ofBytes(10));
        Files.writeString(fixture.home.resolve("docs/a-small.txt"), "small");
        Files.writeString(fixture.home.resolve("docs/z-large.txt"), "far larger than ten bytes");

        assertThatThrownBy(() -> small.copy(USER, UserPath.parse("docs"), UserPath.parse("copy"), false))
                .isInstanceOf(UploadTooLargeException.class);

        assertThat(fixture.home.resolve("copy")).doesNotExist();
    }

    @Test
    void noOperationLeaksAnUncheckedIoException() {
        List<Runnable> odd = List.of(
                () -> store.list(USER, UserPath.parse("missing")),
                () -> store.read(USER, UserPath.parse("missing")),
                () -> store.delete(USER, UserPath.parse("missing/x"), true),
                () -> store.copy(USER, UserPath.parse("missing"), UserPath.parse("x"), true));
        for (Runnable operation : odd) {
            assertThatThrownBy(operation::run).isInstanceOf(FileStoreException.class).isNotInstanceOf(UncheckedIOException.class);
        }
    }
}
