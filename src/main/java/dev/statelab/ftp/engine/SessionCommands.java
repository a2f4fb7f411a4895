package dev.statelab.ftp.engine;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** USER, PASS, QUIT, TYPE, MODE, STRU, REST, NOOP, SYST, OPTS, FEAT and HELP: the commands about the session. */
final class SessionCommands {

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
        handlers.put("FEAT", request -> new FtpOutcome(FtpReply.of(211, "Features:",
                FtpVerbs.features(request.face())), request.state(), FtpOutcome.Effect.STAY, null));
        // Apache Commons Net picks its listing parser from this answer, and cannot list without it
        handlers.put("SYST", request -> request.reply(215, "UNIX Type: L8"));
        handlers.put("MODE", request -> only(request, "S", "Mode S (stream)"));
        handlers.put("STRU", request -> only(request, "F", "Structure F (file)"));
        handlers.put("HELP", this::help);
        handlers.put("OPTS", this::opts);
    }

    private FtpOutcome user(FtpRequest request) {
        if (request.state().loggedIn()) {
            return request.reply(503, "Already logged in as " + request.state().user() + ": send QUIT first");
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
        if (option.equals("UTF8 ON") || option.equals("UTF8")) {
            return request.reply(200, "UTF8 is always on");
        }
        if (option.startsWith("MLST")) {
            // RFC 3659 section 7.9: the facts are fixed here, so the reply names the ones that will be shown
            return request.reply(200, "MLST OPTS type;size;modify;perm;");
        }
        return request.reply(501, "Option not understood: only OPTS UTF8 ON and OPTS MLST are known");
    }

    /** MODE and STRU: stream mode and file structure are all any client uses, and all there is here. */
    private static FtpOutcome only(FtpRequest request, String supported, String text) {
        String value = request.argument().trim().toUpperCase(Locale.ROOT);
        return value.equals(supported) ? request.reply(200, text)
                : request.reply(504, request.line().verb() + " " + value + " is not supported: only "
                        + request.line().verb() + " " + supported);
    }

    private FtpOutcome help(FtpRequest request) {
        if (request.line().hasArgument()) {
            String verb = request.argument().trim().toUpperCase(Locale.ROOT);
            FtpVerb row = FtpVerbs.find(verb);
            return row == null || !row.implementedOn(request.face()) ? request.reply(502, "Unknown command " + verb)
                    : request.reply(214, "Syntax: " + row.help());
        }
        return new FtpOutcome(FtpReply.of(214, "The following commands are recognized",
                FtpVerbs.helpLines(request.face())),
                request.state(), FtpOutcome.Effect.STAY, null);
    }
}
