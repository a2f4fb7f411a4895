package dev.statelab.ftp.port;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import dev.statelab.ftp.engine.FtpAdmission;
import dev.statelab.ftp.engine.FtpCommandLine;
import dev.statelab.ftp.engine.FtpFace;
import dev.statelab.ftp.engine.FtpOutcome;
import dev.statelab.ftp.engine.FtpReply;
import dev.statelab.ftp.engine.FtpSessionState;
import dev.statelab.ftp.engine.SessionStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control connection: it reads command lines, runs them through the engine and writes the replies.
 * Its session state is the one {@link #state} field, the third place state can live (after a session
 * store and a WebSocket). Listings and transfers run on their own thread over a data connection, so the
 * control connection still answers ABOR, STAT, NOOP and QUIT while bytes flow.
 */
final class ControlConnection implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ControlConnection.class);
    private static final Set<String> DATA_SETUP = Set.of("PASV", "EPSV", "PORT", "EPRT", "ABOR");
    private static final Set<String> ANONYMOUS = Set.of("ANONYMOUS", "FTP");

    private final Socket socket;
    private final PortContext context;
    private final InetAddress peer;
    private final CountDownLatch controlClosed = new CountDownLatch(1);
    private final Transfers transfers;
    private @Nullable OutputStream out;
    private volatile FtpSessionState state;
    private volatile @Nullable String sessionId;
    private volatile long lastActivityNanos = System.nanoTime();
    private @Nullable DataSource data;
    private boolean epsvAll;
    private int failedLogins;
    private volatile boolean closing;

    ControlConnection(Socket socket, PortContext context) {
        this.socket = socket;
        this.context = context;
        this.peer = socket.getInetAddress();
        this.state = FtpSessionState.connected(peer.getHostAddress());
        this.transfers = new Transfers(this, context);
    }

    InetAddress peer() {
        return peer;
    }

    FtpSessionState state() {
        return state;
    }

    void state(FtpSessionState next) {
        state = next;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setOOBInline(true);
            socket.setTcpNoDelay(true);
            long idleMillis = context.properties().controlIdleTimeout().toMillis();
            socket.setSoTimeout((int) Math.max(1, Math.min(idleMillis, 5_000)));
            out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            ControlLineReader reader = new ControlLineReader(new BufferedInputStream(socket.getInputStream(), 4096),
                    context.properties().maxLineLength());
            reply(FtpReply.of(220, "statelab FTP ready: the password travels in clear, use a test account"));
            while (!closing) {
                String line;
                try {
                    line = reader.readLine();
                } catch (SocketTimeoutException e) {
                    if (transfers.running() == null
                            && System.nanoTime() - lastActivityNanos > idleMillis * 1_000_000L) {
                        reply(FtpReply.of(421, "Idle for " + idleMillis / 1000 + " s: closing the control connection"));
                        break;
                    }
                    continue;
                } catch (ControlLineReader.LineTooLongException e) {
                    context.metrics().controlIn(reader.takeBytesRead());
                    reply(FtpReply.of(500, "Syntax error: the command line is longer than "
                            + context.properties().maxLineLength() + " bytes"));
                    continue;
                }
                context.metrics().controlIn(reader.takeBytesRead());
                if (line == null) {
                    break;
                }
                lastActivityNanos = System.nanoTime();
                if (!handle(FtpCommandLine.parse(line))) {
                    break;
                }
            }
        } catch (IOException e) {
            log.debug("FTP control connection from {} ended: {}", peer.getHostAddress(), e.toString());
        } finally {
            controlClosed.countDown();
            transfers.controlClosed();
            closeData();
            String id = sessionId;
            if (id != null) {
                context.sessions().close(id);
            }
            context.release(this);
        }
    }

    /** Runs one command; false when the connection is to be closed. */
    private boolean handle(FtpCommandLine line) throws IOException {
        Transfer running = transfers.running();
        if (running != null) {
            return transfers.duringTransfer(running, line);
        }
        String verb = line.verb();
        if (verb.equals("USER") && ANONYMOUS.contains(line.argument().trim().toUpperCase(Locale.ROOT))) {
            state = engineCheck(line).state();
            reply(FtpReply.of(530, "Anonymous login is not allowed here: log in with an account"));
            return true;
        }
        if (verb.equals("PASS")) {
            return pass(line);
        }
        if (DATA_SETUP.contains(verb)) {
            FtpAdmission admission = engineCheck(line);
            state = admission.state();
            FtpReply refusal = admission.refusal();
            reply(refusal != null ? refusal : dataSetup(verb, line.argument()));
            synced();
            return true;
        }
        if (transfers.isTransfer(verb)) {
            DataSource source = data;
            data = null;
            transfers.start(line, source);
            return true;
        }
        FtpOutcome outcome = context.engine().execute(FtpFace.PORT, state, line, null);
        state = outcome.state();
        reply(outcome.reply());
        synced();
        return outcome.effect() != FtpOutcome.Effect.CLOSE && outcome.reply().code() != 421;
    }

    FtpAdmission engineCheck(FtpCommandLine line) {
        return context.engine().admit(FtpFace.PORT, state, line);
    }

    private boolean pass(FtpCommandLine line) throws IOException {
        FtpOutcome outcome = context.engine().execute(FtpFace.PORT, state, line, null);
        state = outcome.state();
        if (outcome.effect() == FtpOutcome.Effect.LOGIN) {
            failedLogins = 0;
            sessionId = context.sessions().open(state, this::endedByAdmin);
            reply(outcome.reply());
            return true;
        }
        int code = outcome.reply().code();
        if (code == 530) {
            failedLogins++;
            sleep(context.properties().loginFailureDelay().toMillis());
        }
        reply(outcome.reply());
        if (code == 421) {
            return false;
        }
        if (failedLogins >= context.properties().maxLoginFailures()) {
            reply(FtpReply.of(421, failedLogins + " failed logins on this connection: closing it"));
            return false;
        }
        return true;
    }

    private FtpReply dataSetup(String verb, String argument) throws IOException {
        String option = argument.trim().toUpperCase(Locale.ROOT);
        switch (verb) {
            case "ABOR" -> {
                closeData();
                return FtpReply.of(225, "No transfer to abort");
            }
            case "EPSV" -> {
                if (option.equals("ALL")) {
                    epsvAll = true;
                    return FtpReply.of(200, "EPSV ALL: only EPSV sets up data connections from now on");
                }
                if (!option.isEmpty() && !option.equals("1") && !option.equals("2")) {
                    return FtpReply.of(522, "Network protocol not supported, use (1,2)");
                }
                return remember(context.dataCommands().passive(socket.getLocalAddress(), true));
            }
            default -> {
                if (epsvAll) {
                    return FtpReply.of(503, verb + " after EPSV ALL is not allowed: send EPSV");
                }
                return remember(verb.equals("PASV") ? context.dataCommands().passive(socket.getLocalAddress(), false)
                        : context.dataCommands().active(verb, argument, peer));
            }
        }
    }

    private FtpReply remember(DataCommands.Setup setup) {
        if (setup.source() != null) {
            closeData();
            data = setup.source();
        }
        return setup.reply();
    }

    private void closeData() {
        DataSource source = data;
        data = null;
        if (source != null) {
            source.close();
        }
    }

    /** The session list shows the connection's latest state. */
    void synced() {
        String id = sessionId;
        if (id != null && !context.sessions().update(id, state)) {
            endedByAdmin();
        }
    }

    void touched() {
        lastActivityNanos = System.nanoTime();
    }

    /** Whether the client closed the control connection within {@code millis}. */
    boolean controlClosedWithin(long millis) throws InterruptedException {
        return controlClosed.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Writes one reply, multi-line when it has lines (RFC 959 section 4.2: {@code 211-}, lines, {@code 211 End}). */
    synchronized void reply(FtpReply reply) throws IOException {
        OutputStream target = out;
        if (target == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        String first = oneLine(reply.text());
        if (reply.lines().isEmpty()) {
            text.append(reply.code()).append(' ').append(first).append("\r\n");
        } else {
            text.append(reply.code()).append('-').append(first).append("\r\n");
            for (String line : reply.lines()) {
                String shown = oneLine(line);
                text.append(shown.startsWith(" ") ? "" : " ").append(shown).append("\r\n");
            }
            text.append(reply.code()).append(" End\r\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        target.write(bytes);
        target.flush();
        context.metrics().controlOut(bytes.length);
    }

    FtpReply statusDuring(Transfer transfer) {
        List<String> lines = new ArrayList<>();
        lines.add("Transfer under way: " + transfer.command() + ", " + transfer.bytes() + " bytes so far");
        lines.addAll(SessionStatus.lines(state));
        return FtpReply.of(211, "Status of this session", lines);
    }

    /** An admin ended the session: the connection is told and closed. */
    private void endedByAdmin() {
        sessionId = null;
        closing = true;
        try {
            reply(FtpReply.of(421, "Your session was ended by an administrator"));
        } catch (IOException e) {
            // closed below anyway
        }
        close();
    }

    void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
