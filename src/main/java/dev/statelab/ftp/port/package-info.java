/**
 * The real FTP port (RFC 959, RFC 2428, RFC 3659): a control connection per client, each holding its
 * session state in one record, and a separate data connection per listing or transfer. It is the third
 * face over the same engine as the two HTTP faces, with the same users, homes, lockout and session list.
 */
@NullMarked
package dev.statelab.ftp.port;

import org.jspecify.annotations.NullMarked;
