package org.procstage.scenes.fdtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.kernel.ProcReader;
import org.procstage.protocol.ProbeEvent;

/** The fd-table observer against this very JVM's real descriptors. */
class FdTableObserverTest {
    private static final int SELF = (int) ProcessHandle.current().pid();

    @Test
    void formatAndParseAreInverse() {
        List<FdEnd> ends = List.of(new FdEnd(0, "r", false, "pipe:[41234]"), new FdEnd(3, "w", true, "fifo:demo.fifo"));
        String table = FdEnd.formatAll(ends);
        assertEquals("0:r:pipe:[41234] 3:w+nb:fifo:demo.fifo", table);
        assertEquals(ends, FdEnd.parseAll(table));
        assertEquals(41234L, ends.get(0).pipeInode().getAsLong());
        assertTrue(ends.get(1).fifo());
        assertEquals("O_WRONLY|O_NONBLOCK", ends.get(1).openFlags());
    }

    @Test
    void parseSkipsWhatIsNotAnEntry() {
        assertEquals(List.of(new FdEnd(1, "w", false, "pipe:[7]")), FdEnd.parseAll("junk 1:w:pipe:[7] x:r:y 2:q:pipe:[1]"));
        assertTrue(FdEnd.parseAll(null).isEmpty());
        assertTrue(new FdEnd(0, "r", false, "pipe:[nope]").pipeInode().isEmpty());
    }

    @Test
    void seesBothEndsOfARealPipeWithTheirAccessModes() throws Exception {
        FdTableObserver observer = new FdTableObserver();
        try (OpenPipe pipe = openPipe()) {
            List<FdEnd> ends = observer.read(SELF);
            long pipes = ends.stream().filter(e -> e.pipeInode().isPresent()).count();
            assertTrue(pipes >= 2, "both ends of the pipe: " + ends);
            assertTrue(ends.stream().anyMatch(e -> e.pipeInode().isPresent() && e.reads() && !e.writes()), ends.toString());
            assertTrue(ends.stream().anyMatch(e -> e.pipeInode().isPresent() && e.writes() && !e.reads()), ends.toString());
        }
    }

    @Test
    void reportsOnlyChanges() throws Exception {
        FdTableObserver observer = new FdTableObserver();
        ProcReader proc = new ProcReader();
        observer.observe(SELF, proc, System.nanoTime());
        assertTrue(observer.observe(SELF, proc, System.nanoTime()).isEmpty(), "nothing changed, nothing reported");
        try (OpenPipe pipe = openPipe()) {
            List<ProbeEvent> changed = observer.observe(SELF, proc, System.nanoTime());
            assertEquals(1, changed.size());
            assertEquals("fds", changed.get(0).type());
            assertTrue(changed.get(0).fromKernel());
        }
        assertEquals(1, observer.observe(SELF, proc, System.nanoTime()).size(), "closing is a change too");
    }

    @Test
    void recognisesAFifoOpenedByName(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("demo.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo ran");
        // Read-write: on Linux opening a FIFO O_RDWR never waits for a partner.
        try (RandomAccessFile open = new RandomAccessFile(fifo.toFile(), "rw")) {
            List<FdEnd> ends = new FdTableObserver().read(SELF);
            assertTrue(ends.stream().anyMatch(e -> e.target().equals("fifo:demo.fifo") && e.reads() && e.writes()),
                    "fifo seen: " + ends);
        }
        assertFalse(new FdTableObserver().read(SELF).stream().anyMatch(FdEnd::fifo));
        Files.delete(fifo);
    }

    /** A real pipe(2) of this JVM (java.nio's Pipe on Linux), closed at the end of the block. */
    private record OpenPipe(Pipe pipe) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    private static OpenPipe openPipe() throws Exception {
        return new OpenPipe(Pipe.open());
    }

    @Test
    void aProcessThatHasGoneHoldsNothing() {
        assertTrue(new FdTableObserver().read(Integer.MAX_VALUE - 1).isEmpty());
    }
}
