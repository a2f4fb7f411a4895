package dev.statelab.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file found and checked for reading. Content is opened on demand and streamed by the caller.
 *
 * @param info     the metadata read when the file was found (the validators a response carries)
 * @param location where it lies, only for handing the file to the kernel for a zero-copy send
 *                 (sendfile); never shown to a client
 */
public record ReadableFile(StoredFile info, Path location) {

    /** A channel positioned at {@code offset}; the caller closes it. */
    public FileChannel openChannel(long offset) {
        try {
            FileChannel channel = FileChannel.open(location, StandardOpenOption.READ);
            channel.position(offset);
            return channel;
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(info.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream openStream(long offset) {
        return Channels.newInputStream(openChannel(offset));
    }
}
