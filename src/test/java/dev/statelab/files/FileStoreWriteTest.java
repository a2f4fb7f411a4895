package dev.statelab.files;

import static dev.statelab.files.StoreFixture.USER;
import static dev.statelab.files.StoreFixture.body;
import static dev.statelab.files.StoreFixture.content;
import static dev.statelab.files.StoreFixture.temporaryFilesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Atomic writes, limits, start-up clean-up, append roll-back and write preconditions. */
class FileStoreWriteTest {

    private static final UserPath FILE = UserPath.parse("docs/notes.txt");

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private FileStore store;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new StoreFixture(tempDir);
        store = fixture.store(DataSize.ofKilobytes(64), syncWrites());
    }

    /** Whether the store under test forces writes to disk; {@link UnsyncedFileStoreWriteTest} runs every case without. */
    boolean syncWrites() {
        return true;
    }

    /** A body that delivers {@code good} bytes, then fails as a dropped connection does. */
    private static InputStream cutOffAfter(int good) {
        return new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent == good) {
                    throw new IOException("connection reset");
                }
                sent++;
                return 'x';
            }
        };
    }

    private void assertUnchanged(String etag) throws IOException {
        StoredFile now = store.stat(USER, FILE);
        assertThat(now.etag()).isEqualTo(etag);
        assertThat(content(store.read(USER, FILE))).isEqualTo("alice's notes");
        assertThat(temporaryFilesIn(fixture.root)).isZero();
        assertThat(store.list(USER, FILE.parent())).extracting(StoredFile::name).containsExactly("notes.txt");
    }

    @Test
    void aBodyThatBreaksMidwayLeavesTheOldFileAndNothingPartial() throws IOException {
        String etag = store.stat(USER, FILE).etag();

        assertThatThrownBy(() -> store.write(USER, FILE, cutOffAfter(20_000), -1, WritePrecondition.NONE))
                .isInstanceOf(IncompleteUploadException.class);

        assertUnchanged(etag);
    }

    @Test
    void aBodyShorterThanAnnouncedIsAnIncompleteUpload() throws IOException {
        String etag = store.stat(USER, FILE).etag();

        assertThatThrownBy(() -> store.write(USER, FILE, body("short"), 100, WritePrecondition.NONE))
                .isInstanceOf(IncompleteUploadException.class);
        assertThatThrownBy(() -> store.write(USER, UserPath.parse("docs/new.txt"), body("longer than ten"), 10,
                WritePrecondition.NONE)).isInstanceOf(IncompleteUploadException.class);

        assertUnchanged(etag);
        assertThat(store.find(USER, UserPath.parse("docs/new.txt"))).isNull();
    }

    @Test
    void aBodyLongerThanAnnouncedIsRefusedWithoutReadingItAll() throws IOException {
        String etag = store.stat(USER, FILE).etag();
        long[] consumed = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                consumed[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                consumed[0] += len;
                return len;
            }
        };

        assertThatThrownBy(() -> store.write(USER, FILE, endless, 10, WritePrecondition.NONE))
                .isInstanceOf(IncompleteUploadException.class).hasMessageContaining("longer than the announced 10 bytes");

        assertThat(consumed[0]).isLessThanOrEqualTo(128 * 1024);
        assertUnchanged(etag);
    }

    @Test
    void anAppendBeyondTheLimitNamesTheLimit() throws IOException {
        Files.write(fixture.home.resolve("docs/full.bin"), new byte[64 * 1024]);

        assertThatThrownBy(() -> store.append(USER, UserPath.parse("docs/full.bin"), body("x")))
                .isInstanceOf(UploadTooLargeException.class)
                .satisfies(e -> assertThat(((UploadTooLargeException) e).limit()).isEqualTo(64 * 1024));
        assertThat(store.stat(USER, UserPath.parse("docs/full.bin")).size()).isEqualTo(64 * 1024);
    }

    @Test
    void anUploadOverTheLimitIsRefusedUpFrontAndMidStream() throws IOException {
        String etag = store.stat(USER, FILE).etag();
        byte[] tooLarge = new byte[64 * 1024 + 1];

        assertThatThrownBy(() -> store.write(USER, FILE, new ByteArrayInputStream(tooLarge), tooLarge.length,
                WritePrecondition.NONE)).isInstanceOf(UploadTooLargeException.class);
        assertThatThrownBy(() -> store.write(USER, FILE, new ByteArrayInputStream(tooLarge), -1,
                WritePrecondition.NONE)).isInstanceOf(UploadTooLargeException.class)
                .satisfies(e -> assertThat(((UploadTooLargeException) e).limit()).isEqualTo(64 * 1024));

        assertUnchanged(etag);
    }

    @Test
    void anUploadOfExactlyTheLimitIsStored() throws IOException {
        byte[] limit = new byte[64 * 1024];

        WriteResult result = store.write(USER, FILE, new ByteArrayInputStream(limit), limit.length, WritePrecondition.NONE);

        assertThat(result.created()).isFalse();
        assertThat(result.file().size()).isEqualTo(limit.length);
    }

    @Test
    void leftoversOfACrashAreRemovedAtStartUp() throws IOException {
        Path leftover = Files.writeString(fixture.home.resolve("docs/.statelab-upload-1234.part"), "half");
        Path deeper = Files.writeString(fixture.root.resolve("bob/.statelab-upload-x.part"), "half");
        // a folder a recursive delete had moved aside but not yet emptied
        Path halfDeleted = Files.createDirectories(fixture.home.resolve("sub/.statelab-upload-5678.part/inner"));
        Files.writeString(halfDeleted.resolve("kept.txt"), "half");

        fixture.store();

        assertThat(leftover).doesNotExist();
        assertThat(deeper).doesNotExist();
        assertThat(fixture.home.resolve("sub/.statelab-upload-5678.part")).doesNotExist();
        assertThat(fixture.home.resolve("sub")).isDirectory();
        assertThat(fixture.home.resolve("docs/notes.txt")).exists();
    }

    @Test
    void temporaryFilesAreNeverListed() throws IOException {
        Files.writeString(fixture.home.resolve("docs/.statelab-upload-99.part"), "in flight");

        assertThat(store.list(USER, FILE.parent())).extracting(StoredFile::name).containsExactly("notes.txt");
    }

    @Test
    void aFailedAppendIsRolledBack() throws IOException {
        String etag = store.stat(USER, FILE).etag();

        assertThatThrownBy(() -> store.append(USER, FILE, cutOffAfter(100))).isInstanceOf(IncompleteUploadException.class);
        assertThat(content(store.read(USER, FILE))).isEqualTo("alice's notes");
        assertThat(store.stat(USER, FILE).size()).isEqualTo("alice's notes".length());

        assertThatThrownBy(() -> store.append(USER, FILE, new ByteArrayInputStream(new byte[64 * 1024])))
                .isInstanceOf(UploadTooLargeException.class);
        assertThat(store.stat(USER, FILE).size()).isEqualTo("alice's notes".length());
        assertThat(store.stat(USER, FILE).etag()).isEqualTo(etag);

        UserPath fresh = UserPath.parse("docs/fresh.txt");
        assertThatThrownBy(() -> store.append(USER, fresh, cutOffAfter(10))).isInstanceOf(IncompleteUploadException.class);
        assertThat(store.find(USER, fresh)).isNull();
    }

    @Test
    void appendAddsToTheEndAndCreatesMissingFiles() throws IOException {
        store.append(USER, FILE, body(" and more"));
        StoredFile created = store.append(USER, UserPath.parse("log.txt"), body("first"));

        assertThat(content(store.read(USER, FILE))).isEqualTo("alice's notes and more");
        assertThat(created.size()).isEqualTo(5);
    }

    @Test
    void ifMatchMustNameTheCurrentVersion() throws IOException {
        String etag = store.stat(USER, FILE).etag();

        WriteResult replaced = store.write(USER, FILE, body("v2"), -1, WritePrecondition.ifMatch("\"other\", " + etag));

        assertThat(replaced.file().etag()).isNotEqualTo(etag);
        assertThatThrownBy(() -> store.write(USER, FILE, body("v3"), -1, WritePrecondition.ifMatch(etag)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> store.write(USER, FILE, body("v3"), -1, WritePrecondition.ifMatch("W/" + replaced.file().etag())))
                .as("If-Match compares strongly: a weak tag never matches").isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> store.write(USER, UserPath.parse("missing.txt"), body("x"), -1, WritePrecondition.ifMatch("*")))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(content(store.read(USER, FILE))).isEqualTo("v2");
        assertThat(temporaryFilesIn(fixture.root)).isZero();
    }

    @Test
    void ifNoneMatchStarOnlyCreates() throws IOException {
        UserPath fresh = UserPath.parse("fresh.txt");

        assertThat(store.write(USER, fresh, body("one"), -1, WritePrecondition.CREATE_ONLY).created()).isTrue();
        assertThatThrownBy(() -> store.write(USER, fresh, body("two"), -1, WritePrecondition.CREATE_ONLY))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(content(store.read(USER, fresh))).isEqualTo("one");
    }

    @Test
    void ofManyWritersHoldingTheSameEtagExactlyOneWins() throws Exception {
        int writers = 16;
        for (int round = 0; round < 5; round++) {
            String etag = store.stat(USER, FILE).etag();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String text = "round " + round + " writer " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.write(USER, FILE, body(text), -1, WritePrecondition.ifMatch(etag));
                        return text;
                    } catch (PreconditionFailedException e) {
                        return null;
                    }
                }));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> result : results) {
                String text = result.get(30, TimeUnit.SECONDS);
                if (text != null) {
                    winners.add(text);
                }
            }
            pool.shutdown();
            assertThat(winners).hasSize(1);
            assertThat(content(store.read(USER, FILE))).isEqualTo(winners.get(0));
        }
        assertThat(temporaryFilesIn(fixture.root)).isZero();
    }

    @Test
    void aReplacementIsStampedAfterTheVersionItReplacesEvenWhenTheClockStandsStill() throws IOException {
        // As a coarse file-system clock does: the file on disk carries the same (here: a later) time
        // than the one the replacement gets; with a reused inode and the same size the ETags would match.
        Path onDisk = fixture.home.resolve("docs/notes.txt");
        java.time.Instant stamped = java.time.Instant.now().plusMillis(300);
        Files.setLastModifiedTime(onDisk, java.nio.file.attribute.FileTime.from(stamped));
        StoredFile before = store.stat(USER, FILE);

        StoredFile after = store.write(USER, FILE, body("alice's notez"), -1, WritePrecondition.NONE).file();

        assertThat(after.modified()).isAfter(before.modified());
        assertThat(after.etag()).isNotEqualTo(before.etag());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            assertThat(seen.add(store.write(USER, FILE, body("same size " + (i % 2)), -1, WritePrecondition.NONE)
                    .file().etag())).isTrue();
        }
    }

    @Test
    void aWriteIntoAFolderThatIsAFileIsRefusedClearly() {
        assertThatThrownBy(() -> store.write(USER, UserPath.parse("docs/notes.txt/inner"), body("x"), -1,
                WritePrecondition.NONE)).isInstanceOf(NotADirectoryException.class);
        assertThatThrownBy(() -> store.write(USER, UserPath.parse("missing/inner"), body("x"), -1,
                WritePrecondition.NONE)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.write(USER, UserPath.parse("docs"), body("x"), -1,
                WritePrecondition.NONE)).isInstanceOf(NotAFileException.class);
        assertThatThrownBy(() -> store.write(USER, UserPath.ROOT, body("x"), -1,
                WritePrecondition.NONE)).isInstanceOf(NotAFileException.class);
    }
}
