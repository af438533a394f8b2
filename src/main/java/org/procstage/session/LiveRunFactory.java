package org.procstage.session;

import java.io.IOException;
import java.util.function.Consumer;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.LiveRun;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProbeMissingException;
import org.procstage.run.ProcessStarter;
import org.procstage.run.RunSpec;

/** Starts live runs; the app has one, tests make their own. */
public interface LiveRunFactory {
    LiveRun start(RunSpec spec, Consumer<ProbeEvent> sink, Consumer<String> problems)
            throws IOException, ProbeMissingException;

    static LiveRunFactory of(ProbeInstaller installer, ProcessStarter starter) {
        return (spec, sink, problems) -> LiveRun.start(spec, installer, starter, sink, problems);
    }
}
