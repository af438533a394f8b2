package org.procstage.testing;

import java.util.ArrayList;
import java.util.List;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.ProbeInstaller;
import org.procstage.scenes.Scenario;
import org.procstage.scenes.ScenarioRecorder;

/** Runs a scenario's real probes once, unpaced, for integration tests. */
public final class Recordings {
    private static final ProbeInstaller INSTALLER = new ProbeInstaller();

    private Recordings() {
    }

    public static ScenarioRecorder.Recording record(Scenario scenario) throws Exception {
        List<String> problems = new ArrayList<>();
        ScenarioRecorder.Recording r = ScenarioRecorder.record(scenario, INSTALLER, problems::add);
        if (!problems.isEmpty()) {
            throw new AssertionError("the run reported problems: " + problems);
        }
        return r;
    }

    public static List<ProbeEvent> ofType(List<ProbeEvent> events, String type) {
        return events.stream().filter(e -> e.is(type)).toList();
    }

    public static int indexOf(List<ProbeEvent> events, java.util.function.Predicate<ProbeEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
