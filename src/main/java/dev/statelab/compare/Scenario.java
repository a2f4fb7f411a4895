package dev.statelab.compare;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/** The scenarios a run can play, by the names the API takes. */
public enum Scenario {

    BROWSE_DOWNLOAD_RENAME("browse-download-rename", "Browse into a folder, download three files, rename one",
            "The everyday case: what each side sends, and what the server must remember for it.",
            BrowseDownloadRename::new),
    RESUME_CUT_DOWNLOAD("resume-cut-download", "Resume a download cut in the middle",
            "The connection drops after 64 KiB. Stateless: the client holds the offset (Range). "
                    + "FTP: the server holds it (REST).", ResumeCutDownload::new),
    TWO_CLIENTS_EDIT("two-clients-edit", "Two clients edit the same file",
            "Both read, both change, both save. Stateless: If-Match turns the second save into a 412. "
                    + "FTP: the later STOR silently wins.", TwoClientsEdit::new),
    SERVER_FORGETS("server-forgets", "The server forgets",
            "Halfway through, every FTP-style session is dropped, as by a restart. The stateless client "
                    + "carries on; the FTP-style client must log in again and has lost its cwd and rename.",
            ServerForgets::new),
    LOGIN_AND_LOGOUT("login-and-logout", "Three ways to authenticate, and what log out means",
            "HTTP Basic on every request, a signed bearer token, and the FTP-style session token: what each "
                    + "request carries, what the server checks, and which one a log-out can end.",
            LoginAndLogout::new),
    SECOND_INSTANCE("second-instance", "A second instance",
            "Log in here, then use the token on another instance (statelab.compare.peer-url). Stateless: works "
                    + "anywhere. FTP: 401 when sessions live in memory, 257 when they live in Redis.",
            SecondInstance::new);

    private final String slug;
    private final String title;
    private final String summary;
    private final Supplier<ScenarioScript> script;

    Scenario(String slug, String title, String summary, Supplier<ScenarioScript> script) {
        this.slug = slug;
        this.title = title;
        this.summary = summary;
        this.script = script;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    ScenarioScript script() {
        return script.get();
    }

    public static Optional<Scenario> bySlug(String slug) {
        return Arrays.stream(values()).filter(s -> s.slug.equals(slug)).findFirst();
    }
}
