package org.procstage.run;

import java.util.List;
import org.procstage.kernel.KernelObserver;

/** What to run: the scenario's probe, its arguments, pacing, process limit, extra observers. */
public record RunSpec(String scenario, String probe, List<String> args, boolean paced, int maxProcesses,
                      List<KernelObserver> observers) {
    public RunSpec {
        args = List.copyOf(args);
        observers = List.copyOf(observers);
    }
}
