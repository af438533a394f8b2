package org.procstage.scenes.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.procstage.testing.Recordings.ofType;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.EventCodec;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.TraceWriter;

/** Runs the real pipe probe once, unpaced, and checks the trace against what the kernel did. */
class PipeLiveTest {
    private static ScenarioRecorder.Recording run;
    private static List<ProbeEvent> events;

    @BeforeAll
    static void record() throws Exception {
        run = Recordings.record(new PipeScenario());
        events = run.trace().events();
        // Kept for diagnosing a failure: the very run the assertions saw.
        new TraceWriter(new EventCodec()).write(Path.of("target", "pipe-live-test.ndjson"), run.trace());
    }

    private static List<ProbeEvent> where(Predicate<ProbeEvent> p) {
        return events.stream().filter(p).toList();
    }

    /** The pid with this role in this phase (the first, when a phase has several rounds). */
    private static int role(String role, int phase, int nth) {
        return where(e -> e.is("role") && role.equals(e.str("role", "")) && e.intField("phase", 0) == phase)
                .get(nth).pid();
    }

    /** Did the kernel's reading of pid (it holds until the next one) say S in fn at some time in (from, to)? */
    private static boolean kernelSaysDuring(int pid, String fn, long from, long to) {
        List<ProbeEvent> states = where(e -> e.fromKernel() && e.is("state") && e.pid() == pid);
        for (int i = 0; i < states.size(); i++) {
            ProbeEvent s = states.get(i);
            long until = i + 1 < states.size() ? states.get(i + 1).t() : Long.MAX_VALUE;
            if ("S".equals(s.str("state", "")) && s.str("wchan", "").contains(fn) && s.t() < to && until > from) {
                return true;
            }
        }
        return false;
    }

    private static long inodeOf(int pid) {
        return where(e -> e.is("role") && e.pid() == pid).get(0).longField("inode", -1);
    }

    @Test
    void capacityIsTheKernelsDefaultFromFGetPipeSz() {
        ProbeEvent first = ofType(events, "pipe-info").get(0);
        assertEquals("F_GETPIPE_SZ", first.str("by", ""));
        assertEquals(65536, first.intField("capacity", 0), "Linux's default pipe: 16 pages");
        assertEquals(4096, first.intField("pipeBuf", 0));
        // The shrunk pipe of phase 2 reports what the kernel made of the request.
        ProbeEvent resize = ofType(events, "pipe-resize").get(0);
        assertEquals("ok", resize.str("result", ""));
        assertEquals(4096, resize.intField("capacity", 0));
    }

    /**
     * Both sources report only changes, so a reading holds until the next one: the kernel's "S in
     * pipe_write" for the writer and FIONREAD's 65536 must hold at the same time.
     */
    @Test
    void theWriterIsSeenAsleepInPipeWriteWhileFionreadSaysFull() {
        int writer = role("writer", 1, 0);
        long inode = inodeOf(writer);
        List<ProbeEvent> states = where(e -> e.fromKernel() && e.is("state") && e.pid() == writer);
        List<ProbeEvent> fills = where(e -> e.is("pipe-fill") && e.longField("inode", 0) == inode);
        boolean seen = false;
        for (int i = 0; i < states.size(); i++) {
            ProbeEvent s = states.get(i);
            if (!"S".equals(s.str("state", "")) || !s.str("wchan", "").contains("pipe")) {
                continue;
            }
            long until = i + 1 < states.size() ? states.get(i + 1).t() : Long.MAX_VALUE;
            for (int j = 0; j < fills.size(); j++) {
                ProbeEvent f = fills.get(j);
                long fillUntil = j + 1 < fills.size() ? fills.get(j + 1).t() : Long.MAX_VALUE;
                seen |= f.intField("bytes", 0) == 65536 && "ioctl FIONREAD".equals(f.str("by", ""))
                        && f.t() < until && s.t() < fillUntil;
            }
        }
        assertTrue(seen, "state S in a pipe wait channel while FIONREAD showed 65536 bytes");
    }

    @Test
    void theBlockedWriterWakesOnlyOnceAWholePageHasBeenRead() {
        int writer = role("writer", 1, 0);
        int reader = role("reader", 1, 0);
        List<ProbeEvent> reads = where(e -> e.is("read") && e.pid() == reader);
        long firstRead = reads.get(0).t();
        List<ProbeEvent> writes = where(e -> e.is("write") && e.pid() == writer);
        ProbeEvent resumed = writes.stream().filter(w -> w.t() > firstRead).findFirst().orElseThrow();
        long completedBefore = reads.stream().filter(r -> r.t() < resumed.t()).count();
        long startedBefore = reads.stream().filter(r -> r.longField("t0", 0) < resumed.t())
                .mapToLong(r -> r.longField("result", 0)).sum();
        assertTrue(completedBefore >= 7, "seven 512-byte reads did not wake the writer: " + completedBefore);
        assertTrue(startedBefore >= 4096, "it woke during the read that emptied the first page: " + startedBefore);
    }

    @Test
    void anEmptyPipeBlocksTheReaderAndASmallPipeBlocksThe1000ByteWriterAt4000() {
        int reader = role("reader", 2, 0);
        int writer = role("writer", 2, 0);
        ProbeEvent firstWrite = where(e -> e.is("write") && e.pid() == writer).get(0);
        assertTrue(kernelSaysDuring(reader, "pipe_read", 0, firstWrite.t()), "reader asleep on the empty pipe");
        long inode = inodeOf(writer);
        assertTrue(events.stream().anyMatch(e -> e.is("pipe-fill") && e.longField("inode", 0) == inode
                && e.intField("bytes", 0) == 4000), "a 4096-byte pipe holds 4 records of 1000, not 4.096");
        assertTrue(events.stream().anyMatch(e -> e.fromKernel() && e.is("state") && e.pid() == writer
                && e.str("wchan", "").contains("pipe_write")), "the writer of the fifth record sleeps");
    }

    @Test
    void eofFollowsTheLastWriteEndsCloseAndTheForgottenEndDelaysIt() {
        for (ProbeEvent eof : ofType(events, "eof")) {
            long inode = eof.longField("inode", 0);
            List<ProbeEvent> writeCloses = where(e -> e.is("close") && "write".equals(e.str("end", ""))
                    && e.longField("inode", 0) == inode && e.pid() != eof.pid());
            // t0: taken just before close(); the close event itself may be sent after the reader's EOF
            long lastClose = writeCloses.stream().mapToLong(c -> c.longField("t0", Long.MAX_VALUE)).max().orElseThrow();
            assertTrue(lastClose < eof.t(), "EOF on pipe " + inode + " after the last write end closed");
        }
        ProbeEvent kept = ofType(events, "keep-open").get(0);
        long inode = kept.longField("inode", 0);
        ProbeEvent late = where(e -> e.is("close") && e.pid() == kept.pid() && e.longField("inode", 0) == inode
                && "write".equals(e.str("end", ""))).get(0);
        ProbeEvent eof = where(e -> e.is("eof") && e.longField("inode", 0) == inode).get(0);
        int reader = eof.pid();
        ProbeEvent writerClose = where(e -> e.is("close") && e.pid() != kept.pid() && e.pid() != reader
                && e.longField("inode", 0) == inode && "write".equals(e.str("end", ""))).get(0);
        assertTrue(eof.t() > late.longField("t0", 0), "EOF only after the parent closed its forgotten write end");
        assertTrue(kernelSaysDuring(reader, "pipe_read", writerClose.t(), late.longField("t0", 0)),
                "the reader sleeps in pipe_read although the writer has closed");
        assertTrue(events.stream().anyMatch(e -> e.fromKernel() && e.is("fds") && e.pid() == kept.pid()
                && e.str("ends", "").contains(":w:pipe:[" + inode + "]") && e.t() < late.longField("t0", 0)),
                "the kernel's table shows the parent holding that write end");
    }

    @Test
    void sigpipeKillsByThirteenAndIgnoredSigpipeGivesEpipe() {
        int killed = role("writer", 4, 0);
        ProbeEvent exit = where(e -> e.is("exit") && e.intField("child", 0) == killed).get(0);
        assertEquals(13, exit.intField("signal", 0));
        assertEquals("waitpid status", exit.str("by", ""));
        assertTrue(events.stream().anyMatch(e -> e.is("reap") && e.intField("child", 0) == killed
                && e.intField("signal", 0) == 13));
        int ignoring = role("writer", 4, 1);
        assertTrue(events.stream().anyMatch(e -> e.is("sigaction") && e.pid() == ignoring
                && "ignore".equals(e.str("action", ""))));
        ProbeEvent write = where(e -> e.is("write") && e.pid() == ignoring).get(0);
        assertEquals("EPIPE", write.str("result", ""));
    }

    @Test
    void recordsUpToPipeBufNeverInterleaveLargerOnesDo() {
        List<ProbeEvent> results = ofType(events, "pipebuf-result");
        ProbeEvent small = results.get(0);
        assertEquals(4096, small.intField("recordBytes", 0));
        assertEquals(64, small.intField("records", 0));
        assertEquals(0, small.intField("interleaved", -1), "a write of at most PIPE_BUF bytes is atomic");
        List<ProbeEvent> large = results.subList(1, results.size());
        assertTrue(large.stream().allMatch(r -> r.intField("recordBytes", 0) == 65536));
        assertTrue(large.stream().anyMatch(r -> r.intField("interleaved", 0) > 0),
                "65536-byte records got split by the other writer: " + large);
    }

    @Test
    void everyChildIsReapedAndNoProcessSurvives() {
        Set<Integer> reaped = new HashSet<>();
        ofType(events, "reap").forEach(r -> reaped.add(r.intField("child", 0)));
        ofType(events, "fork").forEach(f -> assertTrue(reaped.contains(f.intField("child", 0)),
                "reaped " + f.intField("child", 0)));
        assertEquals(1, ofType(events, "run-end").size());
        Processes.assertAllGone(run.pids());
    }

    @Test
    void theReducerEndsInPhaseFiveWithBothRoundsAndEveryoneGone() {
        PipeViewModel model = new PipeViewModel();
        events.forEach(model::apply);
        model.publish();
        PipeScene s = model.sceneProperty().get();
        assertEquals(5, s.phase());
        assertTrue(s.pipeBuf().size() >= 2);
        assertTrue(s.processes().stream().allMatch(PipeScene.Proc::gone), "all reaped: " + s.processes());
        assertNotNull(s.pipe());
        assertEquals(0, s.pipe().readEnds());
        assertEquals(0, s.pipe().writeEnds());
    }
}
