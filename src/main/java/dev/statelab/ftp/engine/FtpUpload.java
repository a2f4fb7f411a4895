package dev.statelab.ftp.engine;

import java.io.InputStream;

/**
 * The data a STOR or APPE carries, as it arrives; the engine streams it into the store.
 *
 * @param length the announced length in bytes, or -1 when unknown
 */
public record FtpUpload(InputStream body, long length) {
}
