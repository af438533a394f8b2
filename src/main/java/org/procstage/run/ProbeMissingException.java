package org.procstage.run;

/** A probe (or the stage) is not in this build: probes are built on Linux with a C compiler. */
public class ProbeMissingException extends Exception {
    public ProbeMissingException(String message) {
        super(message);
    }
}
