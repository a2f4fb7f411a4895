package dev.statelab.files;

import java.io.IOException;

/**
 * The last word on a body whose end can only be judged after its last byte: an FTP data connection ends
 * the same way whether the client finished or vanished. The store asks once the bytes are on disk and
 * before the file takes its name, so the check runs after the sync instead of before it.
 */
@FunctionalInterface
public interface BodyEnd {

    /** A body whose end of stream is its end. */
    BodyEnd CLEAN = () -> { };

    /** Throws when the body turned out to be cut: the write then keeps nothing. */
    void confirm() throws IOException;
}
