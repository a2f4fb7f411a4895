package dev.statelab.compare;

import java.util.Map;

/** One scenario: the files it needs (created on both sides) and the steps it plays. */
interface ScenarioScript {

    /** Files relative to each side's folder, with their content; folders are created as needed. */
    Map<String, byte[]> fixtures();

    /** How many clients per side take part (1 or 2). */
    default int clientsPerSide() {
        return 1;
    }

    void play(Script script, Players players);

    static byte[] text(String content) {
        return content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
