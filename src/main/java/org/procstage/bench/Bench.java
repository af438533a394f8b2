package org.procstage.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProbeMissingException;
import org.procstage.run.ProcessStarter;

/**
 * One `bench` run: (a) ingest throughput through the live pipeline, (b) the raw socket baseline,
 * (c) latency at a steady rate. Measures only; {@code BenchCommand} prints.
 */
public final class Bench {

    /**
     * events: ticks for (a) and (b); latencyEvents at one per intervalUs for (c); warmupEvents go
     * through the pipeline first, unmeasured, so (a) does not time the JIT compiling the decoder
     * (with 20,000 the figure still wandered between 98k and 148k events/s on 2 cores; with
     * 200,000 it settled at 170k-215k).
     */
    public record Options(int events, int latencyEvents, long intervalUs, int warmupEvents) {
        public static final int DEFAULT_EVENTS = 200_000;
        public static final int DEFAULT_LATENCY_EVENTS = 2_000;
        public static final long DEFAULT_INTERVAL_US = 500;

        public Options {
            if (events < 1 || latencyEvents < 1 || intervalUs < 1 || warmupEvents < 0) {
                throw new IllegalArgumentException("counts and the interval must be positive");
            }
        }

        public static Options defaults(int events) {
            return new Options(events, DEFAULT_LATENCY_EVENTS, DEFAULT_INTERVAL_US, Math.min(events, 200_000));
        }

        /** Long enough for a slow machine, short enough that a lost event fails in finite time. */
        Duration timeout(int count, long intervalUs) {
            return Duration.ofSeconds(30).plusNanos(count * Math.max(intervalUs * 1000L * 2, 20_000L));
        }
    }

    public record Report(Options options, PipelineBench.Result ingest, RawSocketBench.Result raw,
                         PipelineBench.Result latency) {
        /** Every tick of every run arrived exactly once, and the baseline got hello + ticks + exit. */
        public boolean complete() {
            return ingest.complete() && latency.complete() && raw.lines() == options.events() + 2L;
        }
    }

    private Bench() {
    }

    public static Report run(Options options, Consumer<String> progress)
            throws IOException, ProbeMissingException, InterruptedException {
        ProbeInstaller installer = new ProbeInstaller();
        Path probe = installer.probe(PipelineBench.PROBE);
        try (ProcessStarter starter = new ProcessStarter()) {
            if (options.warmupEvents() > 0) {
                progress.accept("warm-up: " + options.warmupEvents() + " events through the pipeline (not measured)");
                PipelineBench.run(installer, starter, options.warmupEvents(), 0,
                        options.timeout(options.warmupEvents(), 0));
            }
            progress.accept("(a) " + options.events() + " events through the live pipeline");
            PipelineBench.Result ingest = PipelineBench.run(installer, starter, options.events(), 0,
                    options.timeout(options.events(), 0));
            progress.accept("(b) " + options.events() + " events into a counting socket");
            RawSocketBench.Result raw = RawSocketBench.run(probe, options.events(),
                    options.timeout(options.events(), 0));
            progress.accept("(c) " + options.latencyEvents() + " events, one every " + options.intervalUs() + " us");
            PipelineBench.Result latency = PipelineBench.run(installer, starter, options.latencyEvents(),
                    options.intervalUs(), options.timeout(options.latencyEvents(), options.intervalUs()));
            return new Report(options, ingest, raw, latency);
        }
    }
}
