package dev.statelab.ftp.engine;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** USER, PASS, QUIT, TYPE, REST, NOOP, FEAT and HELP: the commands about the session rather than a file. */
final class SessionCommands {

    static final List<String> FEATURES = List.of(" MDTM", " MLST type*;size*;modify*;perm*;", " REST STREAM",
            " SIZE", " TVFS", " UTF8");

    private final FtpAuthenticator authenticator;
    private final Clock clock;

    SessionCommands(FtpAuthenticator authenticator, Clock clock) {
        this.authenticator = authenticator;
        this.clock = clock;
    }

    void register(Map<String, FtpRequest.Handler> handlers) {
        handlers.put("USER", this::user);
        handlers.put("PASS", this::pass);
        handlers.put("QUIT", this::quit);
        handlers.put("TYPE", this::type);
        handlers.put("REST", this::rest);
        handlers.put("NOOP", request -> request.reply(200, "NOOP ok"));
        handlers.put("FEAT", request -> new FtpOutcome(FtpReply.of(211, "Features:", FEATURES),
                request.state(), FtpOutcome.Effect.STAY, null));
        handlers.put("HELP", this::help);
        handlers.put("OPTS", this::opts);
    }

    private FtpOutcome user(FtpRequest request) {
        if (request.state().loggedIn()) {
            return request.reply(503, "Already logged in as " + request.state().user() + ": send QUIT first");
        }
        if (!request.line().hasArgument()) {
            return request.reply(501, "USER needs a user name");
        }
        String name = request.argument().trim();
        return new FtpOutcome(FtpReply.of(331, "Password required for " + name),
                request.state().withUser(name), FtpOutcome.Effect.OPEN, null);
    }

    private FtpOutcome pass(FtpRequest request) {
        FtpSessionState state = request.state();
        if (state.loggedIn()) {
            return request.reply(503, "Already logged in");
        }
        String name = state.user();
        if (name == null) {
            return request.reply(503, "Bad sequence of commands: send USER first");
        }
        FtpSessionState anonymous = FtpSessionState.connected(state.remoteAddress());
        FtpAuthenticator.Result result = authenticator.login(name, request.argument(), state.remoteAddress());
        if (result instanceof FtpAuthenticator.Accepted accepted) {
            return new FtpOutcome(FtpReply.of(230, "User " + accepted.user() + " logged in"),
                    state.loggedIn(accepted.user(), accepted.role(), clock.millis()), FtpOutcome.Effect.LOGIN, null);
        }
        return FtpOutcome.stay(anonymous, ((FtpAuthenticator.Refused) result).reply());
    }

    private FtpOutcome quit(FtpRequest request) {
        FtpSessionState state = request.state();
        return new FtpOutcome(FtpReply.of(221, "Goodbye: " + state.commands() + " commands, "
                + state.bytesIn() + " bytes in, " + state.bytesOut() + " bytes out"),
                state, FtpOutcome.Effect.CLOSE, null);
    }

    private FtpOutcome type(FtpRequest request) {
        if (!request.line().hasArgument()) {
            return request.reply(501, "TYPE needs A or I");
        }
        String type = request.argument().trim().toUpperCase(Locale.ROOT);
        return switch (type) {
            case "A", "A N" -> request.reply(request.state().withType(FtpSessionState.ASCII), 200,
                    "Type set to A (ASCII: CRLF on the wire, LF when stored)");
            case "I", "L 8" -> request.reply(request.state().withType(FtpSessionState.BINARY), 200,
                    "Type set to I (binary)");
            default -> request.reply(504, "Type " + type + " is not supported: use A or I");
        };
    }

    private FtpOutcome rest(FtpRequest request) {
        long offset;
        try {
            offset = Long.parseLong(request.argument().trim());
        } catch (NumberFormatException e) {
            offset = -1;
        }
        if (offset < 0) {
            return request.reply(501, "REST needs a byte offset of 0 or more");
        }
        return request.reply(request.state().withRestartOffset(offset), 350,
                "Restarting at " + offset + ": send RETR (or APPE) to resume");
    }

    /** FEAT lists UTF8, so clients send RFC 2640's {@code OPTS UTF8 ON}; names are always UTF-8 here. */
    private FtpOutcome opts(FtpRequest request) {
        String option = request.argument().trim().toUpperCase(Locale.ROOT);
        return option.equals("UTF8 ON") || option.equals("UTF8")
                ? request.reply(200, "UTF8 is always on")
                : request.reply(501, "Option not understood: only OPTS UTF8 ON is known");
    }

    private FtpOutcome help(FtpRequest request) {
        if (request.line().hasArgument()) {
            String verb = request.argument().trim().toUpperCase(Locale.ROOT);
            String syntax = CommandHelp.SYNTAX.get(verb);
            return syntax == null ? request.reply(502, "Unknown command " + verb)
                    : request.reply(214, "Syntax: " + syntax);
        }
        return new FtpOutcome(FtpReply.of(214, "The following commands are recognized", CommandHelp.lines()),
                request.state(), FtpOutcome.Effect.STAY, null);
    }
}
