package org.procstage.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.procstage.bench.Bench;
import org.procstage.bench.PipelineBench;
import org.procstage.bench.RawSocketBench;
import org.procstage.bench.Stats;

/** `bench`: throughput and latency of the live pipeline, measured with a real C probe. */
final class BenchCommand {
    private static final String USAGE = "usage: bench [--events N] [--latency-events N] [--interval-us U] [--warmup N]";

    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        Bench.Options options;
        try {
            Bench.Options d = Bench.Options.defaults(number(args, "--events", Bench.Options.DEFAULT_EVENTS));
            options = new Bench.Options(d.events(),
                    number(args, "--latency-events", Bench.Options.DEFAULT_LATENCY_EVENTS),
                    number(args, "--interval-us", (int) Bench.Options.DEFAULT_INTERVAL_US),
                    number(args, "--warmup", d.warmupEvents()));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return Cli.USAGE;
        }
        Bench.Report report;
        try {
            report = Bench.run(options, message -> err.println("bench: " + message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.FAILED;
        } catch (Exception e) {
            err.println("bench: cannot run: " + e.getMessage());
            return Cli.FAILED;
        }
        print(report);
        if (!report.complete()) {
            err.println("bench: events were lost or rejected: the figures above do not count");
            return Cli.FAILED;
        }
        return Cli.OK;
    }

    private static int number(List<String> args, String name, int fallback) {
        String value = Cli.option(args, name).orElse(null);
        if (value == null) {
            if (args.contains(name)) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return fallback;
        }
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, got '" + value + "'");
        }
    }

    private void print(Bench.Report r) {
        PipelineBench.Result a = r.ingest();
        RawSocketBench.Result b = r.raw();
        PipelineBench.Result c = r.latency();
        out.println(f("ProcStage bench — probe %s, Java %s, %d CPUs, Linux %s", PipelineBench.PROBE,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.version")));
        out.println();
        out.println("(a) ingest: C probe -> socket -> reader thread -> EventBatcher -> 60 Hz frame -> SceneModel");
        out.println(f("    ticks applied        %,d of %,d (%s)", a.ticks(), a.expected(), verdict(a)));
        out.println(f("    time                 %.1f ms, first send to last apply", a.seconds() * 1e3));
        out.println(f("    throughput           %,.0f events/s  (~%.1f MB/s at %.0f bytes/event, size from (b))",
                a.eventsPerSecond(), a.eventsPerSecond() * b.bytesPerLine() / 1e6, b.bytesPerLine()));
        out.println(f("    frames               %,d that applied events, largest batch %,d events",
                a.frames(), a.maxPerFrame()));
        out.println();
        out.println("(b) baseline: same probe -> plain AF_UNIX server counting '\\n' (no stage, no parsing)");
        out.println(f("    lines received       %,d (%,d ticks + hello + exit), %,d bytes", b.lines(),
                r.options().events(), b.bytes()));
        out.println(f("    time                 %.1f ms, first byte to end of stream", b.seconds() * 1e3));
        out.println(f("    throughput           %,.0f lines/s, %.1f MB/s", b.linesPerSecond(), b.megabytesPerSecond()));
        out.println(f("    pipeline vs raw      %.0f %%", b.linesPerSecond() == 0 ? 0
                : 100 * a.eventsPerSecond() / b.linesPerSecond()));
        out.println();
        out.println(f("(c) latency: %,d ticks, one every %d µs, through the pipeline and the 60 Hz frame",
                c.expected(), r.options().intervalUs()));
        out.println(f("    ticks applied        %,d of %,d (%s)", c.ticks(), c.expected(), verdict(c)));
        Stats reader = new Stats(c.sendToReader());
        Stats apply = new Stats(c.sendToApply());
        out.println(f("    send -> reader thread    p50 %s   p99 %s   max %s",
                time(reader.percentile(50)), time(reader.percentile(99)), time(reader.max())));
        out.println(f("    send -> view model apply p50 %s   p99 %s   max %s",
                time(apply.percentile(50)), time(apply.percentile(99)), time(apply.max())));
        out.println(f("    (a frame is %.1f ms: waiting for the next one is most of the apply latency)", 1000 / 60.0));
    }

    private static String verdict(PipelineBench.Result r) {
        if (r.complete()) {
            return "none lost";
        }
        return (r.expected() - r.ticks()) + " lost, " + r.strays() + " repeated/unknown, "
                + r.problems().size() + " rejected";
    }

    private static String time(long ns) {
        return ns < 1_000_000 ? f("%.1f µs", ns / 1e3) : f("%.2f ms", ns / 1e6);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
