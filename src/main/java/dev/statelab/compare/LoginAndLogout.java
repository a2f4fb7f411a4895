package dev.statelab.compare;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Three ways to authenticate: what each request carries, what the server checks, and what log out means. */
final class LoginAndLogout implements ScenarioScript {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    @Override
    public Map<String, byte[]> fixtures() {
        return Map.of("docs/a.txt", ScenarioScript.text("This is a.txt.\n".repeat(40)));
    }

    @Override
    public void play(Script script, Players p) {
        try (var step = script.step("HTTP Basic: the password in every request", "Stateless with Basic: "
                + "the password travels with each request and the server checks it each time (a bcrypt check, "
                + "about 65 ms of CPU, unless the pair was verified a moment ago and sits in the credential "
                + "cache). FTP: the password travels once, at login.")) {
            step.http(p.httpA().get(p.http("docs/a.txt")));
            step.http(p.httpA().get(p.http("docs/a.txt")));
            step.ftp(p.ftpA().login());
        }
        String token = null;
        try (var step = script.step("Get a signed bearer token", "POST /api/http/token trades the password "
                + "for a token the server signed; checking it later needs the signature and the expiry, no "
                + "lookup and no password hash.")) {
            Reply reply = step.http(p.httpA().token());
            Matcher m = ACCESS_TOKEN.matcher(reply.text());
            if (m.find()) {
                token = m.group(1);
            }
        }
        StatelessClient bearer = p.httpA().withAuthorization("Bearer " + (token == null ? "missing" : token));
        try (var step = script.step("Requests with a token", "Stateless: the signed token in every request, "
                + "checked by its signature. FTP: the session token in every request, checked by one lookup "
                + "in the session store, which also yields the cwd and the rest of the state.")) {
            step.http(bearer.get(p.http("docs/a.txt")));
            step.http(bearer.get(p.http("docs/a.txt")));
            step.ftp(p.ftpA().command("CWD " + p.ftp("docs")));
            step.ftp(p.ftpA().retr("a.txt", -1));
        }
        String oldSession = p.ftpA().token();
        try (var step = script.step("Log out", "FTP: QUIT deletes the session; the token is dead at once. "
                + "Stateless: there is nothing on the server to delete. Basic has no log-out at all (the "
                + "client forgets the password), and a signed token cannot be revoked: it is valid until it "
                + "expires (5 minutes by default).")) {
            step.ftp(p.ftpA().quit());
        }
        try (var step = script.step("Use the old token after logging out", "The signed token still works: "
                + "the server keeps no list of tokens to strike it from. The old session token is refused.")) {
            step.http(bearer.get(p.http("docs/a.txt")), "still accepted until it expires");
            step.ftp(p.ftpA().commandWith(oldSession, "PWD"), "refused: the session is gone");
        }
    }
}
