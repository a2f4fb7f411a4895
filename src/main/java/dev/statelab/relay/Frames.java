package dev.statelab.relay;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.TextMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay's wire format: parses client frames and renders server frames. A room event goes to every
 * member as the same bytes, so the last rendering is kept and reused while one event fans out.
 */
final class Frames {

    private record Rendered(RoomEvent event, TextMessage text) {
    }

    @JsonPropertyOrder({"type", "room", "seq", "ts", "nick", "user", "text"})
    record MessageFrame(String type, String room, long seq, String ts, String nick, boolean user, String text) {
        static MessageFrame of(RoomEvent.Message m) {
            return new MessageFrame("message", m.room(), m.seq(), m.ts(), m.nick(), m.user(), m.text());
        }
    }

    @JsonPropertyOrder({"type", "room", "event", "nick", "members"})
    record PresenceFrame(String type, String room, String event, String nick, List<Member.MemberView> members) {
    }

    @JsonPropertyOrder({"type", "room", "from", "data"})
    record SignalFrame(String type, String room, String from, @JsonRawValue String data) {
    }

    @JsonPropertyOrder({"type", "room", "nick", "epoch", "recovered", "members", "history"})
    record JoinedFrame(String type, String room, String nick, String epoch, boolean recovered,
                       List<Member.MemberView> members, List<MessageFrame> history) {
    }

    @JsonPropertyOrder({"type", "code", "text"})
    record ErrorFrame(String type, String code, String text) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TypeOnly(String type, @Nullable String room) {
    }

    private final JsonMapper json;
    private final ObjectReader clientFrames;
    private final TextMessage pong;
    private volatile @Nullable Rendered last;

    Frames(JsonMapper json) {
        this.json = json;
        this.clientFrames = json.readerFor(ClientFrame.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.pong = text(new TypeOnly("pong", null));
    }

    /** @throws JacksonException when the payload is not a JSON object of the expected shape */
    ClientFrame parse(String payload) {
        return clientFrames.readValue(payload);
    }

    /** A parsed JSON value as compact JSON text. */
    String compact(JsonNode value) {
        return json.writeValueAsString(value);
    }

    TextMessage render(RoomEvent event) {
        Rendered cached = last;
        if (cached != null && cached.event() == event) {
            return cached.text();
        }
        TextMessage text = text(frameOf(event));
        last = new Rendered(event, text);
        return text;
    }

    private static Object frameOf(RoomEvent event) {
        if (event instanceof RoomEvent.Message m) {
            return MessageFrame.of(m);
        }
        if (event instanceof RoomEvent.Signal s) {
            return new SignalFrame("signal", s.room(), s.from(), s.data());
        }
        if (event instanceof RoomEvent.Presence p) {
            return new PresenceFrame("presence", p.room(), p.event(), p.nick(), p.members());
        }
        Joined j = (Joined) event;
        return new JoinedFrame("joined", j.room(), j.nick(), j.epoch(), j.recovered(), j.members(),
                j.history().stream().map(MessageFrame::of).toList());
    }

    TextMessage error(String code, String text) {
        return text(new ErrorFrame("error", code, text));
    }

    TextMessage pong() {
        return pong;
    }

    TextMessage left(String room) {
        return text(new TypeOnly("left", room));
    }

    private TextMessage text(Object frame) {
        return new TextMessage(json.writeValueAsBytes(frame));
    }
}
