package org.procstage.cli;

import java.io.PrintStream;
import java.util.List;

/** `bench`: throughput and latency of the live pipeline, measured with a real C probe. */
final class BenchCommand {
    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        err.println("bench: not built yet");
        return Cli.FAILED;
    }
}
