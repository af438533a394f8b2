package org.procstage.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.protocol.ProbeEvent;

/** The CPU-time observer on a fake /proc: changes only, and not more often than asked. */
class CpuTimeObserverTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path proc;

    private void stat(int pid, long utime, long stime) throws Exception {
        Files.createDirectories(proc.resolve(Integer.toString(pid)));
        // Fields of proc(5): pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt
        // cmajflt utime stime ... threads (field 20).
        Files.writeString(proc.resolve(pid + "/stat"), pid + " (busy spin) R 1 1 1 0 -1 0 10 0 0 0 " + utime + " "
                + stime + " 0 0 20 0 1 0 100 0 0\n");
    }

    @Test
    void reportsTicksWhenTheyChangeAtMostEveryGap() throws Exception {
        CpuTimeObserver o = new CpuTimeObserver(100);
        ProcReader reader = new ProcReader(proc);
        stat(5, 0, 0);
        List<ProbeEvent> first = o.observe(5, reader, 0);
        assertEquals(1, first.size(), "the first reading is news");
        assertEquals("cputime", first.get(0).type());
        assertEquals(0L, first.get(0).longField("ticks", -1));
        assertTrue(o.observe(5, reader, 200 * MS).isEmpty(), "unchanged");
        stat(5, 1, 0);
        List<ProbeEvent> second = o.observe(5, reader, 300 * MS);
        assertEquals(1L, second.get(0).longField("ticks", -1));
        stat(5, 7, 2);
        assertTrue(o.observe(5, reader, 350 * MS).isEmpty(), "changed, but only 50 ms after the last report");
        List<ProbeEvent> later = o.observe(5, reader, 420 * MS);
        assertEquals(9L, later.get(0).longField("ticks", -1));
        assertEquals(7L, later.get(0).longField("userTicks", -1));
        assertEquals(2L, later.get(0).longField("systemTicks", -1));
        assertTrue(later.get(0).fromKernel());
    }

    @Test
    void aGoneProcessSaysNothing() {
        assertTrue(new CpuTimeObserver().observe(12345, new ProcReader(proc), 0).isEmpty());
    }
}
