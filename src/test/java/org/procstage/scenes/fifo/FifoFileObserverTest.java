package org.procstage.scenes.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.kernel.ProcReader;
import org.procstage.protocol.ProbeEvent;

/** The app's own stat() of a real FIFO, found through a process's working directory. */
class FifoFileObserverTest {

    @Test
    void reportsARealFifoOnceAndItsRemoval(@TempDir Path tmp) throws Exception {
        // A stand-in for /proc: 42/cwd is a link to a directory, as /proc/42/cwd is.
        Path runDir = Files.createDirectory(tmp.resolve("run"));
        Path proc = Files.createDirectories(tmp.resolve("proc/42"));
        Files.createSymbolicLink(proc.resolve("cwd"), runDir);
        FifoFileObserver observer = new FifoFileObserver("demo.fifo", tmp.resolve("proc"));
        ProcReader reader = new ProcReader();

        assertTrue(observer.observe(42, reader, 1).isEmpty(), "no FIFO yet: nothing to say");
        Process mk = new ProcessBuilder("mkfifo", "-m", "600", runDir.resolve("demo.fifo").toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0);

        List<ProbeEvent> made = observer.observe(42, reader, 2);
        assertEquals(1, made.size());
        ProbeEvent e = made.get(0);
        assertTrue(e.fromKernel());
        assertEquals("fifo-stat", e.type());
        assertTrue(e.bool("exists"));
        assertEquals("p", e.str("fileType", ""));
        assertEquals("prw-------", e.str("mode", ""));
        assertTrue(observer.observe(42, reader, 3).isEmpty(), "unchanged: not reported again");

        Files.delete(runDir.resolve("demo.fifo"));
        List<ProbeEvent> gone = observer.observe(42, reader, 4);
        assertEquals(1, gone.size());
        assertFalse(gone.get(0).bool("exists"));
    }

    @Test
    void aProcessWithoutWorkingDirectoryIsSkipped(@TempDir Path tmp) {
        assertTrue(new FifoFileObserver("demo.fifo", tmp).observe(7, new ProcReader(), 1).isEmpty());
    }

    @Test
    void modeStringsReadLikeLsL() {
        assertEquals("prw-------", FifoFileObserver.modeString(0010600));
        assertEquals("-rw-r--r--", FifoFileObserver.modeString(0100644));
        assertEquals("drwxr-xr-x", FifoFileObserver.modeString(0040755));
    }
}
