package dev.statelab.relay;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A frame from a client: {@code join} (room, nick, optional since + epoch), {@code send} (text),
 * {@code signal} (to, data), {@code leave} or {@code ping}. Fields a type does not use are ignored.
 */
record ClientFrame(@Nullable String type, @Nullable String room, @Nullable String nick, @Nullable Long since,
                   @Nullable String epoch, @Nullable String text, @Nullable String to, @Nullable JsonNode data) {
}
