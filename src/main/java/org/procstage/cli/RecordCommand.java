package org.procstage.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.procstage.protocol.EventCodec;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProbeMissingException;
import org.procstage.scenes.Scenario;
import org.procstage.scenes.ScenarioCatalog;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceWriter;

/** `record ID --out FILE`: runs the scenario's real probes headless and unpaced, writes the trace. */
final class RecordCommand {
    private final ScenarioCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    RecordCommand(ScenarioCatalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        Optional<Path> file = Cli.outPath(args);
        if (args.isEmpty() || args.get(0).startsWith("--") || file.isEmpty()) {
            err.println("usage: record ID --out FILE");
            return Cli.USAGE;
        }
        Optional<Scenario> scenario = catalog.find(args.get(0));
        if (scenario.isEmpty()) {
            err.println("unknown scenario '" + args.get(0) + "' (see: java -jar procstage.jar list)");
            return Cli.USAGE;
        }
        try {
            Trace trace = record(scenario.get(), new ProbeInstaller(), err);
            new TraceWriter(new EventCodec()).write(file.get(), trace);
            long pids = trace.events().stream().map(ProbeEvent::pid).distinct().count();
            out.println("recorded " + trace.events().size() + " events from " + pids + " processes to " + file.get());
            return Cli.OK;
        } catch (ProbeMissingException e) {
            err.println("cannot record " + args.get(0) + ": " + e.getMessage());
            return Cli.FAILED;
        } catch (IOException e) {
            err.println("cannot record " + args.get(0) + ": " + e.getMessage());
            return Cli.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.FAILED;
        }
    }

    static Trace record(Scenario scenario, ProbeInstaller installer, PrintStream problems)
            throws IOException, ProbeMissingException, InterruptedException {
        return ScenarioRecorder.record(scenario, installer, problems::println).trace();
    }
}
