package org.procstage.scenes.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.kernel.ProcReader;
import org.procstage.protocol.ProbeEvent;

/** The two /proc readers of the signal scene, on a fake /proc tree and on this very process. */
class SignalObserversTest {
    private static final String STATUS = """
            Name:\tsignals
            State:\tS (sleeping)
            SigQ:\t1/63443
            SigPnd:\t0000000000000000
            ShdPnd:\t0000000000000800
            SigBlk:\t0000000000000800
            SigIgn:\t0000000080000001
            SigCgt:\t0000000100000a00
            """;

    @Test
    void sigstateCopiesTheFiveBitmapsAsPrintedAndOnlyWhenTheyChange(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42/status"), STATUS);
        SigStateObserver o = new SigStateObserver();
        ProcReader reader = new ProcReader(proc);
        List<ProbeEvent> first = o.observe(42, reader, 1);
        assertEquals(1, first.size());
        ProbeEvent e = first.get(0);
        assertTrue(e.fromKernel());
        assertEquals("sigstate", e.type());
        assertEquals("0000000000000800", e.str("shdPending", ""));
        assertEquals("0000000000000800", e.str("blocked", ""));
        assertEquals("0000000080000001", e.str("ignored", ""));
        assertEquals("0000000100000a00", e.str("caught", ""));
        assertEquals("0000000000000000", e.str("pending", ""));
        assertTrue(o.observe(42, reader, 2).isEmpty(), "unchanged: nothing");
        Files.writeString(proc.resolve("42/status"), STATUS.replace("ShdPnd:\t0000000000000800", "ShdPnd:\t0000000000000000"));
        assertEquals(1, o.observe(42, reader, 3).size());
        assertTrue(o.observe(43, reader, 4).isEmpty(), "gone: nothing");
    }

    @Test
    void sigstateReadsThisJvmsRealStatus() {
        List<ProbeEvent> mine = new SigStateObserver().observe((int) ProcessHandle.current().pid(), new ProcReader(), 0);
        assertEquals(1, mine.size());
        assertEquals(16, mine.get(0).str("blocked", "").length());
    }

    @Test
    void exitBySignalIsReadFromAZombiesStatOnce(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("7"));
        String zombie = "7 (sig nals) Z 6 6 1 0 -1 4228172 16 0 0 0 0 0 0 0 20 0 1 0 119797 0 0 18446744073709551615"
                + " 0 0 0 0 0 0 0 0 0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 15";
        Files.writeString(proc.resolve("7/stat"), zombie);
        ExitSignalObserver o = new ExitSignalObserver();
        List<ProbeEvent> seen = o.observe(7, new ProcReader(proc), 5);
        assertEquals(1, seen.size());
        assertEquals("exit", seen.get(0).type());
        assertEquals(15, seen.get(0).intField("signal", 0));
        assertTrue(seen.get(0).fromKernel());
        assertTrue(o.observe(7, new ProcReader(proc), 6).isEmpty(), "once");
        Files.writeString(proc.resolve("7/stat"), zombie.substring(0, zombie.length() - 2) + "0");
        assertTrue(new ExitSignalObserver().observe(7, new ProcReader(proc), 7).isEmpty(), "exit code 0: the probe says it");
        Files.writeString(proc.resolve("7/stat"), zombie.replace(" Z ", " S "));
        assertTrue(new ExitSignalObserver().observe(7, new ProcReader(proc), 8).isEmpty(), "not a zombie");
        Files.writeString(proc.resolve("7/stat"), zombie.substring(0, zombie.length() - 3) + " 139"); // 128 core + 11
        ProbeEvent core = new ExitSignalObserver().observe(7, new ProcReader(proc), 9).get(0);
        assertEquals(11, core.intField("signal", 0));
        assertTrue(core.bool("core"));
    }
}
