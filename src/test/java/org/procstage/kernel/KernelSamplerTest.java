package org.procstage.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;

class KernelSamplerTest {

    @Test
    void aClosedSamplerIgnoresLateRequests() {
        List<ProbeEvent> seen = new ArrayList<>();
        KernelSampler sampler = new KernelSampler(new ProcReader(), seen::add, List.of(), 1000);
        sampler.close();

        // A run's reader threads report disconnects after the run has closed its sampler.
        assertDoesNotThrow(sampler::sampleSoon);
        assertDoesNotThrow(() -> sampler.track((int) ProcessHandle.current().pid()));
        assertEquals(List.of(), seen);
    }
}
