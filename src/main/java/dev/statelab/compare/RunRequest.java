package dev.statelab.compare;

import org.jspecify.annotations.Nullable;

/**
 * Which scenario to run.
 *
 * @param scenario one of {@code browse-download-rename}, {@code resume-cut-download},
 *                 {@code two-clients-edit}, {@code server-forgets}
 */
public record RunRequest(@Nullable String scenario) {
}
