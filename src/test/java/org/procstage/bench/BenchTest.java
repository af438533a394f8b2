package org.procstage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.procstage.kernel.ProcReader;

/** The bench's code path with tiny counts: every event must arrive. Nothing here is timed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchTest {

    @BeforeAll
    static void needsLinux() {
        assumeTrue(ProcReader.available(), "live probes need Linux");
    }

    @Test
    void everyEventArrivesInEveryPartOfTheBench() throws Exception {
        List<String> progress = new ArrayList<>();
        Bench.Options options = new Bench.Options(2_000, 200, 500, 500);

        Bench.Report report = Bench.run(options, progress::add);

        assertEquals(2_000, report.ingest().ticks());
        assertEquals(0, report.ingest().strays());
        assertEquals(List.of(), report.ingest().problems());
        assertEquals(2_000, report.ingest().sendToReader().length);
        assertEquals(2_000, report.ingest().sendToApply().length);
        assertEquals(2_002, report.raw().lines(), "hello + 2,000 ticks + exit");
        assertEquals(0, report.raw().exitCode());
        assertEquals(200, report.latency().ticks());
        assertEquals(200, report.latency().sendToReader().length);
        assertEquals(200, report.latency().sendToApply().length);
        assertTrue(report.latency().others() > 0, "the stage's and the kernel's events flow through too");
        assertTrue(report.complete());
        assertEquals(4, progress.size(), progress.toString());
    }

    @Test
    void percentilesAreNearestRank() {
        Stats s = new Stats(new long[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
        assertEquals(5, s.percentile(50));
        assertEquals(10, s.percentile(99));
        assertEquals(1, s.percentile(1));
        assertEquals(10, s.max());
        assertEquals(0, new Stats(new long[0]).percentile(50));
    }
}
