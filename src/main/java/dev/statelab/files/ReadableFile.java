package dev.statelab.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file found and checked for reading. Content is opened on demand and streamed by the caller, or, for
 * a small file, read whole, from memory when this version was read before.
 */
public final class ReadableFile {

    private final StoredFile info;
    private final Path location;
    private final SmallFileCache smallFiles;

    ReadableFile(StoredFile info, Path location, SmallFileCache smallFiles) {
        this.info = info;
        this.location = location;
        this.smallFiles = smallFiles;
    }

    /** The metadata read when the file was found: the validators a response carries. */
    public StoredFile info() {
        return info;
    }

    /**
     * Where it really lies (links inside the home already resolved), only for handing the file to the
     * kernel for a zero-copy send (sendfile); never shown to a client.
     */
    public Path location() {
        return location;
    }

    /** True when the file is small enough for {@link #readWhole}. */
    public boolean isSmall() {
        return SmallFileCache.fits(info);
    }

    /**
     * The whole content of a file that {@link #isSmall}: the bytes of the version {@link #info} describes,
     * or, when the file was replaced since it was found, what the read found.
     */
    public byte[] readWhole() {
        return smallFiles.read(this);
    }

    /**
     * A channel positioned at {@code offset}; the caller closes it. The file is opened without following
     * a link, so a link swapped in after the path was checked is refused rather than read.
     */
    public FileChannel openChannel(long offset) {
        try {
            FileChannel channel = FileChannel.open(location, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            if (offset > 0) { // a new channel is at 0 already: no seek for a whole-file read
                channel.position(offset);
            }
            return channel;
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(info.path());
        } catch (IOException e) {
            if (Files.isSymbolicLink(location)) {
                throw new InvalidPathException(info.path() + " was replaced by a link");
            }
            throw new StorageFailureException("could not open " + info.path(), e);
        }
    }

    public InputStream openStream(long offset) {
        return Channels.newInputStream(openChannel(offset));
    }
}
