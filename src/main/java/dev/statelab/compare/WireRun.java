package dev.statelab.compare;

import java.util.List;

/**
 * One task done through the real FTP port and through the stateless HTTP API, as the wire saw it.
 *
 * @param task  what both sides did
 * @param http  the stateless HTTP API (one kept-alive connection carries requests and bodies alike)
 * @param ftp   the FTP port (one control connection, plus one data connection per listing or file)
 * @param notes how the figures were taken
 */
public record WireRun(String task, Side http, Side ftp, List<String> notes) {

    /**
     * @param tcpConnections TCP connections the client opened
     * @param roundTrips     requests (HTTP) or commands (FTP) that waited for an answer
     * @param controlBytes   bytes both ways on the connection that carries commands (HTTP: the only one)
     * @param dataBytes      bytes both ways on FTP's data connections (HTTP: none apart)
     * @param millis         wall-clock time of the whole task
     * @param commands       what was sent, in order
     */
    public record Side(int tcpConnections, int roundTrips, long controlBytes, long dataBytes, double millis,
                       List<String> commands) {
    }
}
