package dev.statelab.compare;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the server keeps for one client after a step.
 *
 * @param client the client it belongs to
 * @param state  the FTP-style session record as the server reports it, or null when nothing is held
 * @param bytes  the serialized size the session store holds for this client (0 for the stateless side)
 * @param note   why nothing is held, in words, when state is null
 */
public record Held(String client, @Nullable Map<String, Object> state, long bytes, @Nullable String note) {

    static Held nothing(String client, String why) {
        return new Held(client, null, 0, why);
    }
}
