package org.procstage.scenes.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.kernel.ProcReader;
import org.procstage.protocol.ProbeEvent;

/** The descriptor-table observer on a made-up /proc, and on the test's own real one. */
class DescriptorTableObserverTest {

    @Test
    void readsEndsFromFdinfoFlagsAndReportsOnlyChanges(@TempDir Path proc) throws Exception {
        Path fd = Files.createDirectories(proc.resolve("42/fd"));
        Path info = Files.createDirectories(proc.resolve("42/fdinfo"));
        Files.writeString(proc.resolve("42/stat"), "42 (pipe) S 41 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0");
        Files.createSymbolicLink(fd.resolve("0"), Path.of("/dev/null"));
        Files.createSymbolicLink(fd.resolve("4"), Path.of("pipe:[777]"));
        Files.createSymbolicLink(fd.resolve("5"), Path.of("pipe:[777]"));
        Files.writeString(info.resolve("4"), "pos:\t0\nflags:\t02000000\nmnt_id:\t15\n");
        Files.writeString(info.resolve("5"), "pos:\t0\nflags:\t02000001\nmnt_id:\t15\n");
        DescriptorTableObserver observer = new DescriptorTableObserver(proc);
        ProcReader reader = new ProcReader(proc);
        List<ProbeEvent> first = observer.observe(42, reader, 1);
        assertEquals(1, first.size());
        ProbeEvent e = first.get(0);
        assertTrue(e.fromKernel());
        assertEquals("fds", e.type());
        assertEquals("4:r:pipe:[777] 5:w:pipe:[777]", e.str("ends", ""));
        assertEquals(2, e.intField("count", -1));
        assertTrue(observer.observe(42, reader, 2).isEmpty(), "unchanged: nothing to report");
        Files.delete(fd.resolve("4"));
        assertEquals("5:w:pipe:[777]", observer.observe(42, reader, 3).get(0).str("ends", ""));
        assertTrue(observer.observe(43, reader, 4).isEmpty(), "no such process");
    }

    @Test
    void theStageIsNotObserved(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("7/fd"));
        Files.writeString(proc.resolve("7/stat"), "7 (procstage-stage) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0");
        Files.createSymbolicLink(proc.resolve("7/fd/0"), Path.of("pipe:[5]"));
        assertTrue(new DescriptorTableObserver(proc).observe(7, new ProcReader(proc), 1).isEmpty());
    }

    @Test
    void seesTheEndsOfARealPipeInThisJvm() throws Exception {
        Process cat = new ProcessBuilder("cat").start(); // its stdin is a pipe whose write end we hold
        try {
            int self = (int) ProcessHandle.current().pid();
            ProbeEvent e = new DescriptorTableObserver().observe(self, new ProcReader(), 1).get(0);
            assertTrue(e.str("ends", "").matches(".*\\d+:w:pipe:\\[\\d+\\].*"), "our end of cat's stdin: " + e.fields());
        } finally {
            cat.destroyForcibly();
            cat.waitFor();
        }
    }
}
