/**
 * The one file store under every protocol: safe path resolution inside a user's home (the jail),
 * atomic streamed writes, listings and metadata. It knows no protocol; its errors are
 * {@link dev.statelab.files.FileStoreException}s that each protocol maps to its own replies.
 */
@NullMarked
package dev.statelab.files;

import org.jspecify.annotations.NullMarked;
