package org.procstage.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.signals.SignalsScenario;
import org.procstage.testing.Recordings;

/**
 * Ignored signals survive exec, and a JVM leaves some ignored: the stage must hand probes the
 * default dispositions, or SigIgn in /proc would show bits the scene never set.
 */
class DefaultSignalsTest {

    @Test
    void probesIgnoreOnlyWhatTheyThemselvesChoseToIgnore() throws Exception {
        List<ProbeEvent> events = Recordings.record(new SignalsScenario()).trace().events();
        int stage = events.stream().filter(e -> e.is("launch")).findFirst().orElseThrow().pid();
        List<ProbeEvent> probeStates = events.stream()
                .filter(e -> e.is("sigstate") && e.fromKernel() && e.pid() != stage).toList();
        assertFalse(probeStates.isEmpty());
        long sighup = 1L;
        for (ProbeEvent e : probeStates) {
            long ignored = Long.parseUnsignedLong(e.str("ignored", "0"), 16);
            assertTrue((ignored & ~sighup) == 0, "only SIGHUP, which the scene ignores on purpose: " + e);
        }
    }
}
