package org.procstage.protocol;

/** A line that is not a valid event; the message says what was wrong with it. */
public class MalformedEventException extends Exception {
    public MalformedEventException(String message) {
        super(message);
    }
}
