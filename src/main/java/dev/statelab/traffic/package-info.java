/**
 * What every protocol counts the same way: bytes passing through a stream, and the names, units and
 * descriptions of the service's traffic meters. Depends on no other part of the service, so the FTP
 * engine, the web layer and the relay can all use it.
 */
@NullMarked
package dev.statelab.traffic;

import org.jspecify.annotations.NullMarked;
