package org.procstage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.procstage.kernel.ProcReader;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int bench(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all);
    }

    @Test
    void printsEveryLabelledFigureAndLosesNothing() {
        assumeTrue(ProcReader.available(), "live probes need Linux");

        int code = bench("--events", "2000", "--latency-events", "100", "--warmup", "0");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(Cli.OK, code, printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("2,000 of 2,000 (none lost)"), printed);
        assertTrue(printed.contains("2,002 (2,000 ticks + hello + exit)"), printed);
        assertTrue(printed.contains("100 of 100 (none lost)"), printed);
        for (String label : new String[] {"events/s", "MB/s", "lines/s", "send -> reader thread",
                "send -> view model apply", "p50", "p99"}) {
            assertTrue(printed.contains(label), label + " in\n" + printed);
        }
    }

    @Test
    void aBadNumberIsAUsageError() {
        assertEquals(Cli.USAGE, bench("--events", "lots"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--events takes a whole number"));
        assertEquals(Cli.USAGE, bench("--events", "0"));
        assertEquals(Cli.USAGE, bench("--interval-us"));
    }
}
