package dev.statelab.ftp;

import dev.statelab.ftp.engine.FtpSessionState;

/**
 * How a real FTP control connection shows in the session list: its state is kept by the connection, and
 * a copy is listed here so an admin sees it, can end it, and the per-user session limit counts it.
 */
public interface PortSessions {

    /** Lists a logged-in control connection; {@code onEnd} closes it when an admin ends the session. */
    String open(FtpSessionState state, Runnable onEnd);

    /**
     * The connection's latest state, for the list. False when an admin ended the session meanwhile (on
     * any instance): the connection then closes.
     */
    boolean update(String id, FtpSessionState state);

    /** The connection is gone. */
    void close(String id);
}
