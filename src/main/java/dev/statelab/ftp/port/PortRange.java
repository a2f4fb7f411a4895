package dev.statelab.ftp.port;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A range of TCP ports, {@code 50000-50099}, tried in a random order so the next port is hard to guess. */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 0 || last > 65535 || first > last) {
            throw new IllegalArgumentException("a port range is first-last within 0-65535, got " + first + "-" + last);
        }
    }

    public static PortRange parse(String text) {
        String[] parts = text.trim().split("\\s*-\\s*");
        try {
            int first = Integer.parseInt(parts[0]);
            return new PortRange(first, parts.length > 1 ? Integer.parseInt(parts[1]) : first);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("statelab.ftp.passive-ports must look like 50000-50099, got " + text, e);
        }
    }

    /** Every port of the range once, shuffled; {@code 0} alone means "any free port". */
    List<Integer> shuffled() {
        List<Integer> ports = new ArrayList<>();
        for (int port = first; port <= last; port++) {
            ports.add(port);
        }
        Collections.shuffle(ports, ThreadLocalRandom.current());
        return ports;
    }
}
