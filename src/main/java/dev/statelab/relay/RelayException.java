package dev.statelab.relay;

/** A request the relay refuses, with the protocol's error code (see the README for the list). */
public class RelayException extends RuntimeException {

    private final String code;
    private final String text;

    public RelayException(String code, String text) {
        super(text, null, false, false);
        this.code = code;
        this.text = text;
    }

    /** The text for the client's error frame, never null. */
    @Override
    public String getMessage() {
        return text;
    }

    public String code() {
        return code;
    }
}
