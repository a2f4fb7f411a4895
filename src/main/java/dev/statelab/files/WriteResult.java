package dev.statelab.files;

/** The file as stored after a write, and whether the write created it (rather than replaced it). */
public record WriteResult(StoredFile file, boolean created) {
}
