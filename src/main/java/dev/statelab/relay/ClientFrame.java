package dev.statelab.relay;

import org.jspecify.annotations.Nullable;

/**
 * A frame from a client: {@code join} (room, nick, optional since + epoch), {@code send} (text),
 * {@code leave} or {@code ping}. Fields a type does not use are ignored.
 */
record ClientFrame(@Nullable String type, @Nullable String room, @Nullable String nick, @Nullable Long since,
                   @Nullable String epoch, @Nullable String text) {
}
