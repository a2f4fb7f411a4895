package dev.statelab.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.statelab.store.SessionDirectory;
import org.jspecify.annotations.Nullable;

/**
 * Records a scenario as it plays: each step collects the exchanges of both sides and, when it closes,
 * asks the server what it now holds for each FTP-style client (probes that are never counted).
 */
final class Script {

    static final String NOTHING_HELD = "nothing: every request carried the credentials and the full path";

    private final List<Step> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<StatelessClient> statelessClients;
    private final List<FtpSessionClient> ftpClients;

    private final Function<String, SessionDirectory.@Nullable Footprint> footprints;
    private SessionDirectory.@Nullable Footprint lastFootprint;

    Script(List<StatelessClient> statelessClients, List<FtpSessionClient> ftpClients,
           Function<String, SessionDirectory.@Nullable Footprint> footprints) {
        this.statelessClients = statelessClients;
        this.ftpClients = ftpClients;
        this.footprints = footprints;
    }

    /** Where the last session seen after a step lived, and its size there. */
    SessionDirectory.@Nullable Footprint lastFootprint() {
        return lastFootprint;
    }

    Recorder step(String title, String explanation) {
        return new Recorder(title, explanation);
    }

    void note(String text) {
        notes.add(text);
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    /** One step being played; closing it records it. */
    final class Recorder implements AutoCloseable {

        private final String title;
        private String explanation;
        private final List<Exchange> http = new ArrayList<>();
        private final List<Exchange> ftp = new ArrayList<>();
        private final List<Exchange> server = new ArrayList<>();

        private Recorder(String title, String explanation) {
            this.title = title;
            this.explanation = explanation;
        }

        Reply http(Reply reply) {
            http.add(reply.exchange());
            return reply;
        }

        Reply http(Reply reply, String note) {
            http.add(reply.exchange().withNote(note));
            return reply;
        }

        Reply ftp(Reply reply) {
            ftp.add(reply.exchange());
            return reply;
        }

        Reply ftp(Reply reply, String note) {
            ftp.add(reply.exchange().withNote(note));
            return reply;
        }

        Reply server(Reply reply, String note) {
            server.add(reply.exchange().uncounted().withNote(note));
            return reply;
        }

        void explain(String more) {
            explanation = explanation + " " + more;
        }

        @Override
        public void close() {
            List<Held> httpHeld = statelessClients.stream().map(c -> Held.nothing(c.name(), NOTHING_HELD)).toList();
            List<Held> ftpHeld = ftpClients.stream().map(FtpSessionClient::held).toList();
            for (FtpSessionClient client : ftpClients) {
                String token = client.token();
                SessionDirectory.Footprint footprint = token == null ? null : footprints.apply(token);
                if (footprint != null) {
                    lastFootprint = footprint;
                }
            }
            steps.add(new Step(title, explanation, List.copyOf(http), List.copyOf(ftp), List.copyOf(server),
                    httpHeld, ftpHeld));
        }
    }
}
