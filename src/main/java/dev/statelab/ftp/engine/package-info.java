/**
 * The FTP command engine: RFC 959 / RFC 3659 commands over the shared file store, with the session state
 * as one immutable record passed in and handed back. It knows nothing of HTTP, servlets or sessions in a
 * store, so an HTTP face and a real FTP control connection can drive it alike.
 */
@NullMarked
package dev.statelab.ftp.engine;

import org.jspecify.annotations.NullMarked;
