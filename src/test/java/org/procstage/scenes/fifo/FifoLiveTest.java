package org.procstage.scenes.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.procstage.testing.Recordings.indexOf;
import static org.procstage.testing.Recordings.ofType;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;

/** Runs the real fifo probe and checks the trace against what the kernel showed. */
class FifoLiveTest {
    private static ScenarioRecorder.Recording run;
    private static List<ProbeEvent> events;

    @BeforeAll
    static void record() throws Exception {
        run = Recordings.record(new FifoScenario());
        events = run.trace().events();
    }

    private static int pidOf(String role) {
        return events.stream().filter(e -> e.is("role") && role.equals(e.str("role", ""))).findFirst().orElseThrow().pid();
    }

    private static ProbeEvent openOf(int pid, String mode) {
        return events.stream().filter(e -> e.is("fifo-open") && e.pid() == pid && mode.equals(e.str("mode", "")))
                .findFirst().orElseThrow(() -> new AssertionError("no open(" + mode + ") by " + pid));
    }

    @Test
    void theFifoIsAFileOfTypeP() {
        ProbeEvent made = ofType(events, "fifo-made").get(0);
        assertEquals("p", made.str("fileType", ""));
        assertTrue(made.str("mode", "").startsWith("prw"), made.toString());
        // The app's own stat() agrees, and later sees the name gone.
        ProbeEvent seen = events.stream().filter(e -> e.is("fifo-stat") && e.bool("exists")).findFirst().orElseThrow();
        assertTrue(seen.fromKernel());
        assertEquals("p", seen.str("fileType", ""));
        assertEquals(made.longField("inode", -1), seen.longField("inode", -2), "the same inode");
        assertEquals(0, ofType(events, "fifo-removed").get(0).intField("result", -1));
    }

    @Test
    void theReadersOpenIsSeenBlockedByTheKernelBeforeTheWriterOpens() {
        int reader = pidOf("reader");
        int writer = pidOf("writer");
        assertTrue(reader != writer && reader > 0 && writer > 0);
        int blocked = indexOf(events, e -> e.fromKernel() && e.is("state") && e.pid() == reader
                && "S".equals(e.str("state", "")) && e.str("wchan", "").contains("wait_for_partner"));
        assertTrue(blocked >= 0, "the kernel showed the reader asleep in wait_for_partner");
        ProbeEvent writerOpen = openOf(writer, "O_WRONLY");
        ProbeEvent writerFork = events.stream().filter(e -> e.is("fork") && e.intField("child", 0) == writer)
                .findFirst().orElseThrow();
        assertTrue(blocked < events.indexOf(writerFork), "blocked before the writer even existed");
        assertTrue(events.get(blocked).t() < writerOpen.t());
        ProbeEvent readerOpen = openOf(reader, "O_RDONLY");
        assertTrue(readerOpen.intField("result", -1) >= 0);
        assertTrue(readerOpen.t() >= writerOpen.t() - 5_000_000, "the reader's open returned when the writer opened");
        assertTrue(((Number) readerOpen.fields().get("ms")).doubleValue() >= 100, "it waited: " + readerOpen);
    }

    @Test
    void theTwoProcessesShareNoPipeButTheFifo() {
        int reader = pidOf("reader");
        int writer = pidOf("writer");
        ProbeEvent readerFds = events.stream().filter(e -> e.is("fds") && e.pid() == reader
                && e.str("ends", "").contains("fifo:demo.fifo")).findFirst().orElseThrow();
        assertTrue(readerFds.str("ends", "").matches(".*\\d+:r:fifo:demo\\.fifo.*"), readerFds.toString());
        events.stream().filter(e -> e.is("fds") && e.pid() == writer && e.str("ends", "").contains("fifo:"))
                .forEach(e -> assertTrue(e.str("ends", "").contains(":w:fifo:demo.fifo"), e.toString()));
        // The message went through by name only.
        assertEquals(ofType(events, "write").get(0).str("text", "x"),
                events.stream().filter(e -> e.is("read") && e.pid() == reader).findFirst().orElseThrow().str("text", "y"));
        assertTrue(events.stream().anyMatch(e -> e.is("eof") && e.pid() == reader), "EOF once the writer closed");
    }

    @Test
    void nonBlockingOpensReturnAtOnceAndAWriterWithoutReaderGetsEnxio() {
        int root = pidOf("root");
        List<ProbeEvent> rootOpens = events.stream().filter(e -> e.is("fifo-open") && e.pid() == root).toList();
        assertEquals(3, rootOpens.size(), rootOpens.toString());
        assertEquals("O_WRONLY|O_NONBLOCK", rootOpens.get(0).str("mode", ""));
        assertEquals("ENXIO", rootOpens.get(0).str("result", ""));
        assertEquals(6, rootOpens.get(0).intField("errno", 0));
        assertTrue(rootOpens.get(1).intField("result", -1) >= 0, "O_RDONLY|O_NONBLOCK returns a descriptor");
        assertTrue(rootOpens.get(2).intField("result", -1) >= 0, "with a reader present a non-blocking writer opens");
        rootOpens.forEach(o -> assertTrue(((Number) o.fields().get("ms")).doubleValue() < 50, "no wait: " + o));
        assertTrue(events.stream().anyMatch(e -> e.is("read") && e.pid() == root && "EAGAIN".equals(e.str("error", ""))));
    }

    @Test
    void everyProcessIsReapedAndNoneSurvives() {
        Recordings.assertCleanEnd(run);
    }

    @Test
    void theReducerEndsWithTheFifoRemovedAndTheTableOfOpens() {
        FifoViewModel model = new FifoViewModel();
        events.forEach(model::apply);
        model.publish();
        FifoPicture p = model.pictureProperty().get();
        assertTrue(p.file().removed());
        assertEquals(5, p.opens().size());
        assertTrue(p.opens().stream().anyMatch(FifoPicture.OpenCall::blockedSeen));
        assertTrue(p.opens().stream().anyMatch(o -> o.failed() && o.result().equals("ENXIO")));
        assertFalse(p.opens().stream().anyMatch(FifoPicture.OpenCall::pending));
    }
}
