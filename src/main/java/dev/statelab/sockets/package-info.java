/**
 * The sockets lab: a TCP port that greets and echoes lines, a UDP port that echoes datagrams with
 * simulated impairment, the live table of both at {@code GET /api/sockets}, and a numbered burst run by
 * a small client inside the service. The state here is the open socket itself.
 */
@NullMarked
package dev.statelab.sockets;

import org.jspecify.annotations.NullMarked;
