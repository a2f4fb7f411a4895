/**
 * The threads a blocking socket server runs its connections on, the same way for every listener (the
 * FTP port, the sockets lab). Depends on no other part of the service.
 */
@NullMarked
package dev.statelab.threads;

import org.jspecify.annotations.NullMarked;
