package dev.statelab.sockets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The per-datagram request for impairment: a datagram that starts with {@code !sim} asks for its own
 * simulated loss, reorder and delay, for example {@code !sim loss=0.3 reorder=0.1 delay=50ms|payload}.
 * Keys are optional and replace the server's setting for this datagram only; the echo carries just the
 * payload after {@code |}, so it is always smaller than what came in.
 */
final class SimPrefix {

    static final String MARK = "!sim";
    private static final byte[] MARK_BYTES = MARK.getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_PREFIX = 100;

    /** A datagram taken apart: the impairment to apply and the bytes to echo. */
    record Parsed(Impairment impairment, byte[] payload) {
    }

    /** A prefix that cannot be read; the reason goes back to the sender. */
    static final class BadPrefixException extends Exception {
        private final String reason;

        BadPrefixException(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }

        /** The reason sent back to the client, never null. */
        @Override
        public String getMessage() {
            return reason;
        }
    }

    private SimPrefix() {
    }

    static boolean present(byte[] datagram, int length) {
        if (length < MARK_BYTES.length) {
            return false;
        }
        return Arrays.equals(datagram, 0, MARK_BYTES.length, MARK_BYTES, 0, MARK_BYTES.length);
    }

    static Parsed parse(byte[] datagram, int length, Impairment defaults, Duration maxDelay) throws BadPrefixException {
        int bar = -1;
        for (int i = MARK_BYTES.length; i < Math.min(length, MAX_PREFIX); i++) {
            if (datagram[i] == '|') {
                bar = i;
                break;
            }
        }
        if (bar < 0) {
            throw new BadPrefixException("end the !sim prefix with | within " + MAX_PREFIX + " bytes");
        }
        String options = new String(datagram, MARK_BYTES.length, bar - MARK_BYTES.length, StandardCharsets.US_ASCII).trim();
        double loss = defaults.loss();
        double reorder = defaults.reorder();
        Duration delay = defaults.delay();
        for (String option : options.split("[\\s,]+")) {
            if (option.isEmpty()) {
                continue;
            }
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw new BadPrefixException("write options as key=value (loss, reorder, delay)");
            }
            String key = option.substring(0, eq);
            String value = option.substring(eq + 1);
            switch (key) {
                case "loss" -> loss = probability(key, value);
                case "reorder" -> reorder = probability(key, value);
                case "delay" -> delay = delay(value, maxDelay);
                default -> throw new BadPrefixException("unknown option " + shorten(key) + " (loss, reorder, delay)");
            }
        }
        byte[] payload = Arrays.copyOfRange(datagram, bar + 1, length);
        return new Parsed(new Impairment(loss, reorder, delay), payload);
    }

    private static double probability(String key, String value) throws BadPrefixException {
        try {
            double p = Double.parseDouble(value);
            if (p >= 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadPrefixException(key + " must be a number from 0 to 1");
    }

    private static Duration delay(String value, Duration max) throws BadPrefixException {
        long millis;
        try {
            if (value.endsWith("ms")) {
                millis = Long.parseLong(value.substring(0, value.length() - 2));
            } else if (value.endsWith("s")) {
                millis = Math.multiplyExact(Long.parseLong(value.substring(0, value.length() - 1)), 1000);
            } else {
                millis = Long.parseLong(value);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadPrefixException("delay is milliseconds, e.g. delay=50ms");
        }
        if (millis < 0 || millis > max.toMillis()) {
            throw new BadPrefixException("delay must be from 0 to " + max.toMillis() + "ms");
        }
        return Duration.ofMillis(millis);
    }

    private static String shorten(String text) {
        return text.length() > 16 ? text.substring(0, 16) + "…" : text;
    }
}
