/**
 * The comparison: runs one scenario through the stateless HTTP file API and the FTP-style session API
 * side by side, as their clients would (over loopback, with the JDK's HTTP client), and reports per step
 * what each side sent, received and left on the server. It is a client of both APIs, never a second
 * implementation of their operations; only the scratch folder it works in is prepared and removed
 * through the file store directly.
 */
@NullMarked
package dev.statelab.compare;

import org.jspecify.annotations.NullMarked;
