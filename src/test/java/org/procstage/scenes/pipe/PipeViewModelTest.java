package org.procstage.scenes.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.StepGates;
import org.procstage.session.ProbeControl;

/** The pipe reducer on hand-made events: the buffer, the blocked writer, open ends, results, commands. */
class PipeViewModelTest {
    private static final int PARENT = 100;
    private static final int WRITER = 101;
    private static final int READER = 102;
    private static final long INODE = 777;

    private PipeViewModel model;
    private long t;

    @BeforeEach
    void setUp() {
        model = new PipeViewModel();
        model.reset();
        probe("launch", 10, Map.of("child", PARENT));
        probe("phase", PARENT, Map.of("phase", 1, "name", "fill", "title", "The buffer fills"));
        probe("pipe", PARENT, Map.of("phase", 1, "inode", INODE, "readFd", 4, "writeFd", 5));
        probe("pipe-info", PARENT, Map.of("inode", INODE, "capacity", 65536, "pipeBuf", 4096, "by", "F_GETPIPE_SZ"));
        probe("fork", PARENT, Map.of("child", WRITER));
        probe("fork", PARENT, Map.of("child", READER));
        probe("role", WRITER, Map.of("role", "writer", "name", "writer", "phase", 1, "inode", INODE));
        probe("role", READER, Map.of("role", "reader", "name", "reader", "phase", 1, "inode", INODE));
    }

    private long probe(String type, int pid, Map<String, Object> fields) {
        model.apply(ProbeEvent.probe(type, t += 10, pid, fields));
        return t;
    }

    private void kernel(String type, int pid, Map<String, Object> fields) {
        model.apply(ProbeEvent.kernel(type, t += 10, pid, fields));
    }

    private void write(int bytes) {
        probe("write", WRITER, Map.of("fd", 5, "bytes", bytes, "result", bytes, "t0", t + 1));
    }

    private void read(int bytes) {
        probe("read", READER, Map.of("fd", 4, "bytes", 512, "result", bytes, "t0", t + 1));
    }

    private void fill(int bytes) {
        probe("pipe-fill", READER, Map.of("fd", 4, "inode", INODE, "bytes", bytes, "by", "ioctl FIONREAD"));
    }

    private void state(int pid, String state, String wchan) {
        kernel("state", pid, Map.of("state", state, "ppid", PARENT, "wchan", wchan, "comm", "pipe"));
    }

    private void fds(int pid, String ends) {
        kernel("fds", pid, Map.of("ends", ends, "count", ends.isEmpty() ? 0 : ends.split(" ").length));
    }

    private PipeScene scene() {
        model.publish();
        return model.sceneProperty().get();
    }

    @Test
    void theBufferIsTheKernelsCapacityAndFionreadsFill() {
        assertEquals(-1, scene().pipe().fill(), "not sampled yet");
        fill(4096);
        PipeScene.Buffer b = scene().pipe();
        assertEquals(65536, b.capacity());
        assertEquals(16, b.pages());
        assertEquals(4096, b.fill());
        probe("pipe-resize", PARENT, Map.of("inode", INODE, "requested", 4096, "result", "ok", "capacity", 4096));
        assertEquals(4096, scene().pipe().capacity());
        assertEquals(65536, scene().pipe().defaultCapacity());
        assertEquals(2, scene().processes().size());
    }

    @Test
    void aKernelSaysBlockedWriterWakesAfterAWholePageAndLateReadsStillCount() {
        for (int i = 0; i < 128; i++) {
            write(512);
        }
        state(WRITER, "S", "anon_pipe_write");
        assertTrue(scene().wake().asleep());
        assertTrue(scene().caption().contains("anon_pipe_write"), scene().caption());
        for (int i = 0; i < 7; i++) {
            read(512);
        }
        assertEquals(3584, scene().wake().readWhileAsleep());
        long eighthStarted = t + 1;
        write(512); // woken inside the 8th read, whose event arrives after this write
        model.apply(ProbeEvent.probe("read", t += 10, READER, Map.of("fd", 4, "bytes", 512, "result", 512,
                "t0", eighthStarted)));
        PipeScene s = scene();
        assertFalse(s.wake().asleep());
        assertEquals(4096L, s.wake().wokeAfter());
        assertEquals(8, s.wake().wokeAfterReads());
        assertTrue(s.caption().contains("4096 bytes in 8 reads"), s.caption());
    }

    @Test
    void aFullPipeWithoutFreshKernelWordMeansTheNextWriteWaitsButAStepPointDoesNot() {
        write(512);
        fill(65536);
        assertTrue(scene().wake().asleep(), "full after its last write");
        probe("step", WRITER, Map.of("name", "writer: write", "paced", true));
        assertFalse(scene().wake().asleep(), "it waits at a step point, not in write()");
        state(WRITER, "R", "");
        state(WRITER, "S", "anon_pipe_write");
        assertTrue(scene().wake().asleep(), "fresh kernel evidence decides");
    }

    @Test
    void openEndsComeFromTheKernelsTablesAndStaleTablesCountAsUnknown() {
        assertEquals(-1, scene().pipe().readEnds(), "nothing read from /proc yet");
        fds(PARENT, "4:r:pipe:[777] 5:w:pipe:[777]");
        fds(WRITER, "4:r:pipe:[777] 5:w:pipe:[777]");
        fds(READER, "4:r:pipe:[777] 5:w:pipe:[777]");
        assertEquals(3, scene().pipe().readEnds());
        assertEquals(3, scene().pipe().writeEnds());
        probe("close", WRITER, Map.of("fd", 4, "end", "read", "inode", INODE));
        assertEquals(-1, scene().pipe().readEnds(), "the writer closed one since the last reading");
        fds(WRITER, "5:w:pipe:[777]");
        assertEquals(2, scene().pipe().readEnds());
        probe("close", PARENT, Map.of("fd", 4, "end", "read", "inode", INODE));
        probe("close", PARENT, Map.of("fd", 5, "end", "write", "inode", INODE));
        probe("close", READER, Map.of("fd", 5, "end", "write", "inode", INODE));
        fds(READER, "4:r:pipe:[777]");
        // The parent's reading is older than its closes, and disagrees: unknown until the next reading.
        assertEquals(-1, scene().pipe().writeEnds());
        fds(PARENT, "");
        PipeScene.Buffer b = scene().pipe();
        assertEquals(1, b.readEnds());
        assertEquals(1, b.writeEnds());
        assertEquals(List.of("writer (pid 101) fd 5"), b.writeHolders());
        probe("reap", PARENT, Map.of("child", WRITER, "code", 0));
        assertEquals(0, scene().pipe().writeEnds(), "an exited process holds nothing");
    }

    @Test
    void aTableThatChangedAndChangedBackBetweenSamplesStillCounts() {
        fds(PARENT, "");
        probe("pipe", PARENT, Map.of("phase", 4, "inode", 778L, "readFd", 4, "writeFd", 5));
        probe("pipe-info", PARENT, Map.of("inode", 778L, "capacity", 65536, "pipeBuf", 4096, "by", "F_GETPIPE_SZ"));
        assertEquals(-1, scene().pipe().readEnds());
        probe("close", PARENT, Map.of("fd", 4, "end", "read", "inode", 778L));
        probe("close", PARENT, Map.of("fd", 5, "end", "write", "inode", 778L));
        assertEquals(0, scene().pipe().readEnds(), "the old reading agrees with what the parent did since");
    }

    @Test
    void eofRoundsSigpipeAndPipeBufResultsAreReported() {
        probe("phase", PARENT, Map.of("phase", 3, "name", "eof", "title", "End of file"));
        probe("pipe", PARENT, Map.of("phase", 3, "inode", 900L, "readFd", 4, "writeFd", 5));
        probe("pipe-info", PARENT, Map.of("inode", 900L, "capacity", 65536, "pipeBuf", 4096, "by", "F_GETPIPE_SZ"));
        probe("role", 201, Map.of("role", "writer", "name", "writer", "phase", 3, "inode", 900L));
        probe("role", 202, Map.of("role", "reader", "name", "reader", "phase", 3, "inode", 900L));
        probe("keep-open", PARENT, Map.of("fd", 5, "end", "write", "inode", 900L));
        probe("close", 201, Map.of("fd", 5, "end", "write", "inode", 900L));
        fds(PARENT, "5:w:pipe:[900]");
        fds(202, "4:r:pipe:[900]");
        state(202, "S", "anon_pipe_read");
        assertTrue(scene().caption().contains("no EOF while a write end is open"), scene().caption());
        assertTrue(scene().caption().contains("parent (pid 100) fd 5"), scene().caption());
        probe("close", PARENT, Map.of("fd", 5, "end", "write", "inode", 900L));
        probe("eof", 202, Map.of("fd", 4, "inode", 900L, "total", 6));
        assertTrue(scene().results().get(0).startsWith("Parent forgot its write end"), scene().results().toString());

        probe("phase", PARENT, Map.of("phase", 4, "name", "sigpipe", "title", "SIGPIPE"));
        assertTrue(scene().results().isEmpty(), "a new phase starts a new list");
        probe("pipe", PARENT, Map.of("phase", 4, "inode", 901L, "readFd", 4, "writeFd", 5));
        probe("role", 301, Map.of("role", "writer", "name", "writer", "phase", 4, "inode", 901L));
        probe("exit", PARENT, Map.of("child", 301, "signal", 13, "by", "waitpid status"));
        probe("reap", PARENT, Map.of("child", 301, "signal", 13));
        assertEquals("killed by signal 13 (SIGPIPE)", scene().processes().get(0).outcome());
        probe("write", 302, Map.of("fd", 5, "bytes", 512, "result", "EPIPE", "t0", 1));
        assertTrue(scene().results().get(1).contains("EPIPE"));

        probe("phase", PARENT, Map.of("phase", 5, "name", "pipebuf", "title", "PIPE_BUF"));
        probe("pipebuf-result", 402, Map.of("recordBytes", 4096, "records", 64, "interleaved", 0, "switches", 3,
                "bytes", 262144, "runs", List.of(List.of(0, 131072), List.of(1, 131072))));
        PipeScene.PipeBufRound round = scene().pipeBuf().get(0);
        assertEquals(0, round.interleaved());
        assertEquals(List.of(new PipeScene.Run(0, 131072), new PipeScene.Run(1, 131072)), round.runs());
    }

    @Test
    void optionsAreShownAsTheProbeConfirmsThemAndResetForgetsEverything() {
        probe("option", PARENT, Map.of("shrink", true, "forget", false));
        assertTrue(scene().shrink());
        assertFalse(scene().forget());
        model.reset();
        PipeScene s = scene();
        assertEquals(0, s.phase());
        assertNull(s.pipe());
        assertTrue(s.processes().isEmpty());
    }

    @Test
    void commandsGoToTheRightProcessWithBoundedArguments() {
        List<String> sent = new ArrayList<>();
        model.attach(new ProbeControl() {
            @Override
            public boolean live() {
                return true;
            }

            @Override
            public boolean command(int pid, String name, Map<String, Object> args) {
                sent.add(pid + " " + name + " " + new java.util.TreeMap<>(args));
                return true;
            }

            @Override
            public void signal(int pid, int signo) {
            }

            @Override
            public List<StepGates.Gate> waiting() {
                return List.of();
            }
        });
        assertTrue(model.controls().live());
        model.controls().step(WRITER);
        model.controls().read(READER, 512, 1);
        model.controls().closeWriter(WRITER);
        model.controls().setShrink(true);
        model.controls().setForget(false);
        model.controls().repeatEof();
        assertEquals(List.of("101 go {}", "102 go {calls=1, size=512}", "101 close {}", "100 option {shrink=1}",
                "100 option {forget=0}", "100 repeat {}"), sent);
    }

    @Test
    void fdsEventsAreParsedAndBadEntriesSkipped() {
        List<PipeScene.Fd> ends = ProcRecord.parseEnds("4:r:pipe:[777] 5:w:pipe:[777] junk 7:x:pipe:[1] 9:w:pipe:[778]");
        assertEquals(3, ends.size());
        assertEquals(new PipeScene.Fd(5, "pipe:[777]", "write"), ends.get(1));
        assertEquals(778, ends.get(2).pipeInode());
        assertTrue(ProcRecord.parseEnds("").isEmpty());
    }
}
