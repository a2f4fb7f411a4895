package dev.statelab.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static dev.statelab.files.StoreFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Small files read whole: the bytes always belong to the version the read found, however fast the file
 * is replaced, and the cache keeps no more than its bound. A file deleted after it was found proves
 * where the bytes came from: from memory when that version is cached, from the disk (and so not at all)
 * when it is not.
 */
class SmallFileCacheTest {

    private static final UserPath FILE = UserPath.parse("docs/small.bin");

    @TempDir
    Path tempDir;

    private FileStore store(DataSize cache) throws IOException {
        StoreFixture fixture = new StoreFixture(tempDir);
        return new FileStore(new FileStoreProperties(fixture.root, DataSize.ofMegabytes(1), FileStoreProperties.DEFAULT_MAX_DEPTH,
                false, cache));
    }

    private static void write(FileStore store, UserPath path, byte[] content) {
        store.write(USER, path, new ByteArrayInputStream(content), content.length, WritePrecondition.NONE);
    }

    private static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void aVersionReadBeforeIsServedFromMemory() throws IOException {
        FileStore store = store(DataSize.ofMegabytes(1));
        write(store, FILE, filled(4096, 1));
        assertThat(store.read(USER, FILE).readWhole()).isEqualTo(filled(4096, 1));

        ReadableFile found = store.read(USER, FILE);
        store.delete(USER, FILE, false);
        assertThat(found.readWhole()).isEqualTo(filled(4096, 1));
    }

    @Test
    void withTheCacheOffEveryReadGoesToTheDisk() throws IOException {
        FileStore store = store(DataSize.ofBytes(0));
        write(store, FILE, filled(4096, 1));
        assertThat(store.read(USER, FILE).readWhole()).isEqualTo(filled(4096, 1));

        ReadableFile found = store.read(USER, FILE);
        store.delete(USER, FILE, false);
        assertThatThrownBy(found::readWhole).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void replacementsOfTheSameSizeInQuickSuccessionAreEachSeen() throws IOException {
        FileStore store = store(DataSize.ofMegabytes(1));
        for (int version = 0; version < 300; version++) {
            write(store, FILE, filled(4096, version));
            ReadableFile found = store.read(USER, FILE);
            assertThat(found.readWhole()).as("version %d", version).isEqualTo(filled(4096, version));
            assertThat(found.readWhole()).as("version %d, again", version).isEqualTo(filled(4096, version));
        }
    }

    @Test
    void aReadRacingReplacementsGetsOneWholeVersionAndTheLastOneAtTheEnd() throws Exception {
        FileStore store = store(DataSize.ofMegabytes(1));
        write(store, FILE, filled(4096, 0));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int version = 1; version <= 1000; version++) {
                    write(store, FILE, filled(version % 2 == 0 ? 4096 : 3000, version));
                }
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                writing.set(false);
            }
        });
        writer.start();
        int reads = 0;
        while (writing.get()) {
            ReadableFile found = store.read(USER, FILE);
            byte[] content = found.readWhole();
            if (content.length == found.info().size()) { // a shorter body means it was replaced by a shorter version meanwhile
                assertThat(content).as("one version, whole").containsOnly(content[0]);
            }
            reads++;
        }
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(reads).isPositive();
        assertThat(store.read(USER, FILE).readWhole()).isEqualTo(filled(4096, 1000));
    }

    @Test
    void theCacheKeepsNoMoreThanItsBound() throws IOException {
        FileStore store = store(DataSize.ofKilobytes(64));
        List<ReadableFile> found = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            UserPath path = UserPath.parse("docs/f" + i + ".bin");
            write(store, path, filled(4096, i));
            store.read(USER, path).readWhole();
            found.add(store.read(USER, path));
        }
        for (int i = 0; i < 100; i++) {
            store.delete(USER, UserPath.parse("docs/f" + i + ".bin"), false);
        }
        long stillInMemory = found.stream().filter(SmallFileCacheTest::readable).count();
        assertThat(stillInMemory).as("4 KiB files held by a 64 KiB cache").isBetween(1L, 16L);
    }

    private static boolean readable(ReadableFile file) {
        try {
            return file.readWhole().length == 4096;
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    @Test
    void onlySmallFilesAreReadWhole() throws IOException {
        FileStore store = store(DataSize.ofMegabytes(1));
        write(store, FILE, filled(SmallFileCache.MAX_FILE_SIZE + 1, 7));
        ReadableFile found = store.read(USER, FILE);
        assertThat(found.isSmall()).isFalse();
        assertThatThrownBy(found::readWhole).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.size(found.location())).isEqualTo(SmallFileCache.MAX_FILE_SIZE + 1);
    }

    @Test
    void aNegativeBoundIsRefusedAtStartup() {
        assertThatThrownBy(() -> new FileStoreProperties(tempDir, DataSize.ofMegabytes(1), 3, true, DataSize.ofBytes(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("small-file-cache");
    }
}
