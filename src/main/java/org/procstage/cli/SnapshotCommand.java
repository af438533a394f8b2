package org.procstage.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.procstage.protocol.EventCodec;
import org.procstage.run.ProbeInstaller;
import org.procstage.scenes.Scenario;
import org.procstage.scenes.ScenarioCatalog;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceReader;
import org.procstage.ui.SceneRenderer;

/** `snapshot (ID|TRACE) --out FILE.png [--step N]`: renders a scene offscreen after N steps. */
final class SnapshotCommand {
    private final ScenarioCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    SnapshotCommand(ScenarioCatalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        Optional<Path> png = Cli.outPath(args);
        if (args.isEmpty() || args.get(0).startsWith("--") || png.isEmpty()) {
            err.println("usage: snapshot (ID|TRACE) --out FILE.png [--step N]");
            return Cli.USAGE;
        }
        int step;
        try {
            step = Cli.option(args, "--step").map(Integer::parseInt).orElse(-1);
        } catch (NumberFormatException e) {
            err.println("--step takes a whole number, got '" + Cli.option(args, "--step").orElse("") + "'");
            return Cli.USAGE;
        }
        String target = args.get(0);
        Trace trace;
        try {
            if (catalog.find(target).isPresent() && !Files.exists(Path.of(target))) {
                trace = RecordCommand.record(catalog.find(target).get(), new ProbeInstaller(), err);
            } else if (Files.isRegularFile(Path.of(target))) {
                trace = new TraceReader(new EventCodec()).read(Path.of(target));
                if (trace.error().isPresent()) {
                    err.println(target + ": " + trace.error().get() + " (rendering the " + trace.events().size()
                            + " events before it)");
                }
            } else {
                err.println("'" + target + "' is neither a scenario id (see: list) nor a readable trace file");
                return Cli.USAGE;
            }
        } catch (TraceReader.TraceFormatException e) {
            err.println(target + ": " + e.getMessage());
            return Cli.FAILED;
        } catch (Exception e) {
            err.println("cannot snapshot " + target + ": " + e.getMessage());
            return Cli.FAILED;
        }
        Optional<Scenario> scenario = catalog.find(trace.header().scenario());
        if (scenario.isEmpty()) {
            err.println(target + ": this build has no scene '" + trace.header().scenario() + "'");
            return Cli.FAILED;
        }
        try {
            SceneRenderer.startHeadless();
            CompletableFuture<Void> done = SceneRenderer.render(scenario.get(), trace, step, png.get());
            done.get(60, TimeUnit.SECONDS);
            out.println("wrote " + png.get());
            return trace.error().isPresent() ? Cli.FAILED : Cli.OK;
        } catch (Exception e) {
            err.println("cannot render " + target + ": " + (e.getCause() != null ? e.getCause() : e));
            return Cli.FAILED;
        }
    }
}
