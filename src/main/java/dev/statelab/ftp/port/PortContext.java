package dev.statelab.ftp.port;

import java.util.concurrent.ExecutorService;

import dev.statelab.ftp.PortSessions;
import dev.statelab.ftp.engine.FtpCommandEngine;

/** What every control connection of one server shares. */
interface PortContext {

    FtpCommandEngine engine();

    PortSessions sessions();

    FtpPortProperties properties();

    DataCommands dataCommands();

    PortMetrics metrics();

    ExecutorService threads();

    /** Starts watching a transfer for the stall timeout. */
    void watch(Transfer transfer);

    void unwatch(Transfer transfer);

    /** The connection ended: it no longer counts toward the limits. */
    void release(ControlConnection connection);
}
