package dev.statelab.ftp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

import dev.statelab.files.FileStore;
import dev.statelab.files.FileStoreProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The engine alone, on a real file store in a temporary folder, without HTTP. */
class FtpCommandEngineTest {

    @TempDir
    Path root;

    private FtpCommandEngine engine;
    private FtpSessionState state;

    @BeforeEach
    void logIn() {
        FileStore store = new FileStore(new FileStoreProperties(root, DataSize.ofMegabytes(1)));
        FtpAuthenticator accounts = (user, password, address) -> "secret".equals(password)
                ? new FtpAuthenticator.Accepted(user, "USER")
                : new FtpAuthenticator.Refused(FtpReply.of(530, "Login incorrect"));
        engine = new FtpCommandEngine(store, accounts, Clock.systemUTC());
        state = FtpSessionState.connected("127.0.0.1");
        assertThat(run("USER ana").code()).isEqualTo(331);
        FtpOutcome pass = engine.execute(state, FtpCommandLine.parse("PASS secret"), null);
        assertThat(pass.reply().code()).isEqualTo(230);
        assertThat(pass.effect()).isEqualTo(FtpOutcome.Effect.LOGIN);
        state = pass.state();
    }

    private FtpReply run(String line) {
        FtpOutcome outcome = engine.execute(state, FtpCommandLine.parse(line), null);
        state = outcome.state();
        return outcome.reply();
    }

    private FtpReply upload(String line, String content) {
        FtpOutcome outcome = engine.execute(state, FtpCommandLine.parse(line),
                new FtpUpload(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), -1));
        state = outcome.state();
        return outcome.reply();
    }

    private String download(String line) throws IOException {
        FtpOutcome outcome = engine.execute(state, FtpCommandLine.parse(line), null);
        state = outcome.state();
        assertThat(outcome.download()).as(outcome.reply().toString()).isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long sent = outcome.download().writeTo(out);
        assertThat(sent).isEqualTo(out.size());
        state = state.plusBytesOut(sent);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void commandsBeforeLoginAnswer530ButFeatHelpAndNoopWork() {
        state = FtpSessionState.connected(null);
        assertThat(run("PWD").code()).isEqualTo(530);
        assertThat(run("LIST").code()).isEqualTo(530);
        assertThat(run("NOOP").code()).isEqualTo(200);
        assertThat(run("FEAT").lines()).contains(" REST STREAM", " SIZE", " MDTM");
        assertThat(run("HELP").code()).isEqualTo(214);
    }

    @Test
    void passWithoutUserAnswers503AndAWrongPasswordAnswers530() {
        state = FtpSessionState.connected(null);
        assertThat(run("PASS secret").code()).isEqualTo(503);
        run("USER ana");
        assertThat(run("PASS wrong").code()).isEqualTo(530);
        assertThat(state.loggedIn()).isFalse();
        assertThat(run("PASS secret").code()).as("USER must be sent again after a failure").isEqualTo(503);
    }

    @Test
    void pwdCwdAndCdupMoveTheCurrentDirectory() {
        assertThat(run("PWD")).hasToString("257 \"/\" is the current directory");
        assertThat(run("MKD a").code()).isEqualTo(257);
        assertThat(run("MKD a/b").code()).isEqualTo(257);
        assertThat(run("CWD a/b").code()).isEqualTo(250);
        assertThat(run("PWD").text()).startsWith("\"/a/b\"");
        assertThat(run("CDUP").code()).isEqualTo(200);
        assertThat(state.cwd()).isEqualTo("/a");
        assertThat(run("CWD /").code()).isEqualTo(250);
        assertThat(run("CWD missing").code()).isEqualTo(550);
        assertThat(run("CWD").code()).isEqualTo(501);
    }

    @Test
    void traversalStaysInTheHome() {
        run("MKD a");
        run("CWD a");
        assertThat(run("CWD ../../..").code()).isEqualTo(250);
        assertThat(run("PWD").text()).startsWith("\"/\"");
        assertThat(run("CDUP").code()).isEqualTo(200);
        assertThat(state.cwd()).isEqualTo("/");
        assertThat(run("MKD ../../escape").code()).isEqualTo(257);
        assertThat(root.resolve("ana/escape")).isDirectory();
        assertThat(root.resolve("escape")).doesNotExist();
        assertThat(run("CWD a\\..\\..").code()).isEqualTo(553);
    }

    @Test
    void mkdRmdAndDeleAnswerTheirCodes() {
        assertThat(run("MKD d").code()).isEqualTo(257);
        assertThat(run("MKD d").code()).isEqualTo(550);
        upload("STOR d/f.txt", "x");
        assertThat(run("RMD d").code()).as("not empty").isEqualTo(550);
        assertThat(run("DELE d").code()).as("a folder").isEqualTo(550);
        assertThat(run("RMD d/f.txt").code()).as("a file").isEqualTo(550);
        assertThat(run("DELE d/f.txt").code()).isEqualTo(250);
        assertThat(run("DELE d/f.txt").code()).isEqualTo(550);
        assertThat(run("RMD d").code()).isEqualTo(250);
        assertThat(run("MKD").code()).isEqualTo(501);
    }

    @Test
    void rnfrThenRntoRenames() {
        upload("STOR a.txt", "abc");
        assertThat(run("RNFR a.txt").code()).isEqualTo(350);
        assertThat(state.pendingRename()).isEqualTo("/a.txt");
        assertThat(run("RNTO b.txt").code()).isEqualTo(250);
        assertThat(state.pendingRename()).isNull();
        assertThat(root.resolve("ana/b.txt")).hasContent("abc");
        assertThat(run("RNFR missing").code()).isEqualTo(550);
    }

    @Test
    void mlstWhichFeatAdvertisesAnswersOneEntrysFactsByItsPath() {
        assertThat(run("FEAT").lines()).anyMatch(line -> line.startsWith(" MLST "));
        run("MKD docs");
        upload("STOR docs/a.txt", "abc");
        FtpReply file = run("MLST docs/a.txt");
        assertThat(file.code()).isEqualTo(250);
        assertThat(file.lines()).singleElement().asString().startsWith(" type=file;size=3;").endsWith("; /docs/a.txt");
        run("CWD docs");
        assertThat(run("MLST").lines()).singleElement().asString().startsWith(" type=dir;").endsWith("; /docs");
        assertThat(run("MLST nothing").code()).isEqualTo(550);
    }

    @Test
    void optsUtf8OnWhichFeatInvitesIsAccepted() {
        assertThat(run("FEAT").lines()).contains(" UTF8");
        assertThat(run("OPTS UTF8 ON").code()).isEqualTo(200);
        assertThat(run("OPTS MLST type;").code()).isEqualTo(200);
        assertThat(run("OPTS NONSENSE").code()).isEqualTo(501);
        state = FtpSessionState.connected(null);
        assertThat(run("OPTS UTF8 ON").code()).as("clients send it before logging in").isEqualTo(200);
    }

    @Test
    void rnfrOfTheHomeItselfIsRefusedAtOnceAndLeavesNoPendingRename() {
        run("MKD a");
        run("CWD a");
        FtpReply home = run("RNFR ..");
        assertThat(home.code()).isEqualTo(553);
        assertThat(home.text()).contains("home folder");
        assertThat(state.pendingRename()).isNull();
        assertThat(run("RNTO b").code()).isEqualTo(503);
    }

    @Test
    void rntoWithoutRnfrAnswers503() {
        assertThat(run("RNTO b.txt").code()).isEqualTo(503);
    }

    @Test
    void anyOtherCommandBetweenRnfrAndRntoClearsThePendingRename() {
        upload("STOR a.txt", "abc");
        run("RNFR a.txt");
        assertThat(run("NOOP").code()).isEqualTo(200);
        assertThat(state.pendingRename()).isNull();
        assertThat(run("RNTO b.txt").code()).isEqualTo(503);
        run("RNFR a.txt");
        assertThat(run("BOGUS").code()).isEqualTo(500);
        assertThat(run("RNTO b.txt").code()).isEqualTo(503);
        assertThat(root.resolve("ana/a.txt")).exists();
    }

    @Test
    void restThenRetrResumesAtTheOffsetAndClearsIt() throws IOException {
        upload("STOR f.txt", "0123456789");
        assertThat(run("REST 4").code()).isEqualTo(350);
        assertThat(download("RETR f.txt")).isEqualTo("456789");
        assertThat(state.restartOffset()).isZero();
        assertThat(download("RETR f.txt")).isEqualTo("0123456789");
        run("REST 11");
        assertThat(run("RETR f.txt").code()).isEqualTo(554);
        assertThat(state.restartOffset()).isZero();
        assertThat(run("REST -1").code()).isEqualTo(501);
        assertThat(run("REST x").code()).isEqualTo(501);
        run("REST 2");
        assertThat(upload("STOR g.txt", "zz").code()).isEqualTo(554);
        assertThat(state.bytesOut()).isEqualTo(16);
    }

    @Test
    void typeAConvertsLineEndingsBothWays() throws IOException {
        assertThat(run("TYPE A").code()).isEqualTo(200);
        upload("STOR t.txt", "one\r\ntwo\r\nthree");
        assertThat(root.resolve("ana/t.txt")).hasContent("one\ntwo\nthree");
        assertThat(download("RETR t.txt")).isEqualTo("one\r\ntwo\r\nthree");
        assertThat(run("SIZE t.txt").code()).isEqualTo(550);
        assertThat(run("TYPE I").code()).isEqualTo(200);
        assertThat(run("SIZE t.txt")).hasToString("213 13");
        assertThat(download("RETR t.txt")).isEqualTo("one\ntwo\nthree");
        assertThat(run("TYPE E").code()).isEqualTo(504);
        assertThat(run("TYPE").code()).isEqualTo(501);
    }

    @Test
    void appeAppendsAndCreates() {
        assertThat(upload("APPE log.txt", "a").code()).isEqualTo(226);
        assertThat(upload("APPE log.txt", "b").code()).isEqualTo(226);
        assertThat(root.resolve("ana/log.txt")).hasContent("ab");
        assertThat(state.bytesIn()).isEqualTo(2);
    }

    @Test
    void aCutStorLeavesNothingAndAnswers426() throws IOException {
        InputStream broken = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 100) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };
        FtpOutcome outcome = engine.execute(state, FtpCommandLine.parse("STOR cut.bin"), new FtpUpload(broken, 1000));
        assertThat(outcome.reply().code()).isEqualTo(426);
        try (Stream<Path> left = Files.list(root.resolve("ana"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void storWithoutDataAnswers425() {
        assertThat(run("STOR x.txt").code()).isEqualTo(425);
        assertThat(root.resolve("ana/x.txt")).doesNotExist();
    }

    @Test
    void listNlstSizeAndMdtmDescribeFiles() {
        run("MKD sub");
        upload("STOR a.txt", "hello");
        FtpReply list = run("LIST");
        assertThat(list.code()).isEqualTo(226);
        assertThat(list.lines()).hasSize(2);
        assertThat(list.lines().get(0)).matches("type=file;size=5;modify=\\d{14};perm=adfrw; a.txt");
        assertThat(list.lines().get(1)).matches("type=dir;modify=\\d{14};perm=cdeflmp; sub");
        assertThat(run("NLST").lines()).containsExactly("a.txt", "sub");
        assertThat(run("LIST a.txt").lines()).hasSize(1);
        assertThat(run("LIST missing").code()).isEqualTo(550);
        assertThat(run("SIZE a.txt")).hasToString("213 5");
        assertThat(run("SIZE sub").code()).isEqualTo(550);
        assertThat(run("MDTM a.txt").text()).matches("\\d{14}");
    }

    @Test
    void statShowsTheWholeSessionState() {
        run("MKD d");
        run("CWD d");
        run("TYPE A");
        run("REST 7");
        FtpReply stat = run("STAT");
        assertThat(stat.code()).isEqualTo(211);
        assertThat(stat.lines()).contains("Logged in as ana (USER)", "Current directory: /d", "Restart offset: 7",
                "Type: A (ASCII, line endings converted)", "Connected from 127.0.0.1");
        assertThat(run("STAT /").code()).isEqualTo(213);
    }

    @Test
    void unknownCommandsAnswer500AndUnimplementedOnes502() {
        assertThat(run("XYZZY").code()).isEqualTo(500);
        assertThat(run("PASV").code()).isEqualTo(502);
        assertThat(run("").code()).isEqualTo(500);
    }

    @Test
    void anOverlongPathAnswers501WithoutTouchingTheStore() throws IOException {
        assertThat(run("MKD " + "a".repeat(5000)).code()).isEqualTo(501);
        assertThat(run("MKD " + "a".repeat(300)).code()).as("a name over 255").isEqualTo(553);
        try (Stream<Path> left = Files.walk(root)) {
            assertThat(left.filter(path -> !path.equals(root) && !path.equals(root.resolve("ana")))).isEmpty();
        }
    }

    @Test
    void quitAnswers221AndAsksToCloseTheSession() {
        FtpOutcome quit = engine.execute(state, FtpCommandLine.parse("QUIT"), null);
        assertThat(quit.reply().code()).isEqualTo(221);
        assertThat(quit.effect()).isEqualTo(FtpOutcome.Effect.CLOSE);
    }

    @Test
    void everyCommandIsCounted() {
        long before = state.commands();
        run("NOOP");
        run("BOGUS");
        assertThat(state.commands()).isEqualTo(before + 2);
    }

    private FtpReply runOn(FtpFace face, String line) {
        FtpOutcome outcome = engine.execute(face, state, FtpCommandLine.parse(line), null);
        state = outcome.state();
        return outcome.reply();
    }

    @Test
    void everyVerbThatNeedsAnArgumentAnswers501WithoutOneOnEveryFaceThatCarriesIt() {
        for (FtpVerb verb : FtpVerbs.all()) {
            for (FtpFace face : verb.faces()) {
                if (verb.needsArgument()) {
                    FtpReply reply = engine.admit(face, state, FtpCommandLine.of(verb.name())).refusal();
                    assertThat(reply.code()).as(face + " " + verb.name()).isEqualTo(501);
                    assertThat(reply.text()).contains(verb.help());
                }
            }
        }
    }

    @Test
    void verbsNeedingALoginAnswer530BeforeItAndTheOthersRun() {
        for (FtpVerb verb : FtpVerbs.all()) {
            state = FtpSessionState.connected(null);
            FtpAdmission admission = engine.admit(FtpFace.PORT, state, FtpCommandLine.parse(verb.name() + " x"));
            FtpReply reply = admission.admitted() ? runOn(FtpFace.PORT, verb.name() + " x") : admission.refusal();
            if (!verb.implementedOn(FtpFace.PORT)) {
                assertThat(reply.code()).as(verb.name()).isEqualTo(502);
            } else if (verb.needsLogin()) {
                assertThat(reply.code()).as(verb.name()).isEqualTo(530);
            } else {
                assertThat(admission.admitted()).as(verb.name()).isTrue();
                assertThat(reply.code()).as(verb.name()).isNotEqualTo(530);
            }
        }
    }

    @Test
    void featAndHelpListOnlyWhatTheFaceCarries() {
        assertThat(runOn(FtpFace.PORT, "FEAT").lines()).contains(" EPSV", " UTF8", " SIZE", " TVFS")
                .allMatch(line -> line.startsWith(" "));
        assertThat(runOn(FtpFace.RAW, "FEAT").lines()).doesNotContain(" EPSV");
        assertThat(runOn(FtpFace.PORT, "HELP").lines()).anyMatch(line -> line.startsWith(" PASV"));
        assertThat(runOn(FtpFace.RAW, "HELP").lines()).noneMatch(line -> line.startsWith(" PASV"));
        assertThat(runOn(FtpFace.RAW, "PASV").code()).isEqualTo(502);
        assertThat(runOn(FtpFace.RAW, "HELP PASV").code()).isEqualTo(502);
        assertThat(runOn(FtpFace.PORT, "HELP pasv").code()).isEqualTo(214);
    }

    @Test
    void systModeAndStruAnswerWhatClientsExpect() {
        assertThat(run("SYST")).hasToString("215 UNIX Type: L8");
        assertThat(run("MODE S").code()).isEqualTo(200);
        assertThat(run("MODE B").code()).isEqualTo(504);
        assertThat(run("STRU F").code()).isEqualTo(200);
        assertThat(run("STRU R").code()).isEqualTo(504);
        assertThat(run("TYPE L 8").code()).isEqualTo(200);
    }

    @Test
    void listOnThePortIsInLsFormWithEnglishMonthsAndSkipsLsOptions() {
        upload("STOR two words.txt", "hello");
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.GERMANY);
        try {
            FtpReply list = runOn(FtpFace.PORT, "LIST -la");
            assertThat(list.lines()).singleElement().asString()
                    .matches("-rw-r--r-- 1 ana ana +5 (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d\\d \\d\\d:\\d\\d two words.txt");
            assertThat(runOn(FtpFace.PORT, "NLST -a").lines()).containsExactly("two words.txt");
            assertThat(runOn(FtpFace.PORT, "MLSD").lines()).singleElement().asString().startsWith("type=file;size=5;");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void restThenStorKeepsTheHeadAndWritesTheRestFromTheOffset() throws IOException {
        upload("STOR r.bin", "0123456789");
        assertThat(run("REST 4").code()).isEqualTo(350);
        assertThat(upload("STOR r.bin", "abc").code()).isEqualTo(226);
        assertThat(state.restartOffset()).isZero();
        assertThat(download("RETR r.bin")).isEqualTo("0123abc");
        run("REST 8");
        assertThat(upload("STOR r.bin", "x").code()).as("beyond the end").isEqualTo(554);
        assertThat(download("RETR r.bin")).isEqualTo("0123abc");
    }
}
