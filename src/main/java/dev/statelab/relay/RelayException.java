package dev.statelab.relay;

/** A request the relay refuses, with the protocol's error code (see the README for the list). */
public class RelayException extends RuntimeException {

    private final String code;

    public RelayException(String code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
