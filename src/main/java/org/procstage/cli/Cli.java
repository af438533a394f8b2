package org.procstage.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.procstage.scenes.Scenario;
import org.procstage.scenes.ScenarioCatalog;

/** The headless subcommands: list, record, snapshot, bench. Returns the exit code. */
public final class Cli {
    static final int OK = 0;
    static final int USAGE = 2;
    static final int FAILED = 1;

    private final PrintStream out;
    private final PrintStream err;
    private final ScenarioCatalog catalog = ScenarioCatalog.standard();

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "list" -> list();
            case "record" -> new RecordCommand(catalog, out, err).run(rest);
            case "snapshot" -> new SnapshotCommand(catalog, out, err).run(rest);
            case "bench" -> new BenchCommand(out, err).run(rest);
            default -> usage();
        };
    }

    private int list() {
        for (Scenario s : catalog.all()) {
            out.printf("%-12s %s%n", s.id(), s.description());
        }
        return OK;
    }

    private int usage() {
        out.println("""
                usage: java -jar procstage.jar [--scene ID]          open the app (optionally on a scene)
                       java -jar procstage.jar list                  scenario ids and what they show
                       java -jar procstage.jar record ID --out FILE  run the real probes headless, write a trace
                       java -jar procstage.jar snapshot (ID|TRACE) --out FILE.png [--step N]
                       java -jar procstage.jar bench [--events N]    ingest throughput and latency figures""");
        return OK;
    }

    static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
    }

    static Optional<Path> outPath(List<String> args) {
        return option(args, "--out").map(Path::of);
    }
}
