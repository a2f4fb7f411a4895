package dev.statelab.files;

import static dev.statelab.files.StoreFixture.body;
import static dev.statelab.files.StoreFixture.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** A full disk is the server's problem (507), and it keeps the previous file. */
class DiskFullTest {

    @TempDir
    Path tempDir;

    private Path mounted;

    @Test
    void enospcAndQuotaAreRecognisedAsAFullDisk() {
        assertThat(DiskSpace.isFull(new FileSystemException("/x", null, "No space left on device"))).isTrue();
        assertThat(DiskSpace.isFull(new IOException("Disk quota exceeded"))).isTrue();
        assertThat(DiskSpace.isFull(new FileSystemException("/x", null, "Input/output error"))).isFalse();
        assertThat(DiskSpace.isFull(new IOException("Input/output error"), tempDir)).isFalse();
        assertThat(DiskSpace.cannotHold(tempDir, Long.MAX_VALUE)).isTrue();
        assertThat(DiskSpace.cannotHold(tempDir, -1)).isFalse();
        assertThat(StorageErrors.of("store", UserPath.parse("a"), tempDir,
                new FileSystemException("/secret/server/path", null, "No space left on device")))
                .isInstanceOf(InsufficientStorageException.class)
                .hasMessageNotContaining("/secret");
    }

    @Test
    void anUploadAnnouncedLargerThanTheFreeSpaceIsRefusedBeforeWriting() throws IOException {
        StoreFixture fixture = new StoreFixture(tempDir);
        FileStore store = fixture.store(DataSize.ofTerabytes(1024));

        assertThatThrownBy(() -> store.write(StoreFixture.USER, UserPath.parse("huge"), body(""), DataSize.ofTerabytes(512).toBytes(),
                WritePrecondition.NONE)).isInstanceOf(InsufficientStorageException.class);
        assertThat(StoreFixture.temporaryFilesIn(fixture.root)).isZero();
    }

    /** Needs root (CI runs as root) to mount a 1 MiB tmpfs; skipped elsewhere. */
    @Test
    void aRealFullDiskKeepsTheOldFileAndLeavesNoPart() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        mounted = Files.createDirectories(tempDir.resolve("tiny"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mounted.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0, "mount -t tmpfs failed");

        FileStore store = new FileStore(new FileStoreProperties(mounted, DataSize.ofMegabytes(100)));
        UserPath file = UserPath.parse("keep.txt");
        store.write("alice", file, body("the old version"), -1, WritePrecondition.NONE);
        String etag = store.stat("alice", file).etag();

        assertThatThrownBy(() -> store.write("alice", file, zeros(2 * 1024 * 1024), -1, WritePrecondition.NONE))
                .isInstanceOf(InsufficientStorageException.class);
        assertThatThrownBy(() -> store.append("alice", file, zeros(2 * 1024 * 1024)))
                .isInstanceOf(InsufficientStorageException.class);

        assertThat(content(store.read("alice", file))).isEqualTo("the old version");
        assertThat(store.stat("alice", file).etag()).isEqualTo(etag);
        assertThat(StoreFixture.temporaryFilesIn(mounted)).isZero();
        assertThat(store.list("alice", UserPath.ROOT)).extracting(StoredFile::name).containsExactly("keep.txt");

        store.mkdir("alice", UserPath.parse("folder"));
        store.write("alice", UserPath.parse("folder/a.bin"), zeros(400 * 1024), -1, WritePrecondition.NONE);
        store.copy("alice", UserPath.parse("folder"), UserPath.parse("copy1"), false);
        assertThatThrownBy(() -> store.copy("alice", UserPath.parse("folder"), UserPath.parse("copy2"), false))
                .isInstanceOf(InsufficientStorageException.class);
        assertThat(store.find("alice", UserPath.parse("copy2"))).isNull();
        assertThat(StoreFixture.temporaryFilesIn(mounted)).isZero();
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", "-l", mounted.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static InputStream zeros(long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
