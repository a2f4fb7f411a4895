/**
 * The stateful FTP-style API over HTTP: two thin faces (one endpoint per command, and one raw command
 * line) over the {@link dev.statelab.ftp.engine.FtpCommandEngine}, with the session state kept by Spring
 * Session under an {@code X-Auth-Token} header, login throttling, a per-user session limit and admin
 * endpoints. Nothing here applies outside {@code /api/ftp/**}.
 */
@NullMarked
package dev.statelab.ftp;

import org.jspecify.annotations.NullMarked;
