package org.procstage.scenes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.procstage.testing.Fields.fields;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.pipeline.PipelinePicture.Station;

/** The pipeline reducer on hand-made events, and the scenario's sentence handling. */
class PipelineViewModelTest {
    private final PipelineViewModel model = new PipelineViewModel(PipelineScenario.DEFAULT_SENTENCE);
    private long t;

    private ProbeEvent probe(String type, int pid, Object... kv) {
        return ProbeEvent.probe(type, ++t, pid, fields(kv));
    }

    private ProbeEvent kernel(String type, int pid, Object... kv) {
        return ProbeEvent.kernel(type, ++t, pid, fields(kv));
    }

    private PipelinePicture apply(List<ProbeEvent> events) {
        events.forEach(model::apply);
        model.publish();
        return model.pictureProperty().get();
    }

    /** Root 100 made five pipes (inodes 500..504) and forked split as pid 101. */
    private List<ProbeEvent> setUp() {
        List<ProbeEvent> events = new ArrayList<>();
        events.add(probe("hello", 99, "comm", "procstage-stage"));
        events.add(probe("launch", 99, "child", 100));
        events.add(probe("sentence", 100, "text", "ab cd"));
        for (int i = 0; i < 5; i++) {
            events.add(probe("pipe-made", 100, "pipe", i, "readFd", 4 + 2 * i, "writeFd", 5 + 2 * i, "inode", 500 + i,
                    "from", i == 0 ? "root" : "f" + i, "to", "f" + (i + 1)));
        }
        events.add(probe("pipe-info", 100, "capacity", 65536, "pipeBuf", 4096));
        events.add(probe("fork", 100, "child", 101));
        events.add(probe("filter", 101, "name", "split", "index", 0, "in", 0, "out", 1));
        return events;
    }

    @Test
    void bytesWaitInAPipeFromWriteUntilRead() {
        List<ProbeEvent> events = setUp();
        events.add(probe("write", 100, "fd", 5, "pipe", 0, "bytes", 5, "result", 5, "text", "ab cd"));
        PipelinePicture written = apply(events);
        assertEquals("ab cd", written.pipes().get(0).buffered());
        assertEquals(65536, written.capacity());
        PipelinePicture partly = apply(List.of(probe("read", 101, "fd", 0, "pipe", 0, "bytes", 3, "result", 3, "text", "ab ")));
        assertEquals("cd", partly.pipes().get(0).buffered());
        assertNull(partly.pipes().get(0).kernelBytes(), "the kernel's count only from FIONREAD");
        PipelinePicture seen = apply(List.of(probe("pipe-fill", 101, "pipe", 0, "bytes", 2, "by", "ioctl FIONREAD")));
        assertEquals(2, seen.pipes().get(0).kernelBytes());
    }

    @Test
    void aReadReportedBeforeItsWriteNeverShowsNegativeContents() {
        List<ProbeEvent> events = setUp();
        events.add(probe("read", 101, "fd", 0, "pipe", 0, "bytes", 5, "result", 5, "text", "ab cd"));
        assertEquals("", apply(events).pipes().get(0).buffered());
        PipelinePicture p = apply(List.of(probe("write", 100, "fd", 5, "pipe", 0, "bytes", 5, "result", 5, "text", "ab cd")));
        assertEquals("", p.pipes().get(0).buffered());
    }

    @Test
    void theKernelsFdTablesGiveOwnEndsUnusedEndsAndEndCounts() {
        List<ProbeEvent> events = setUp();
        // Right after fork split holds all ten ends, plus the app's stdin pipe the model must ignore.
        StringBuilder all = new StringBuilder("0:r:pipe:[9]");
        for (int i = 0; i < 5; i++) {
            all.append(' ').append(4 + 2 * i).append(":r:pipe:[").append(500 + i).append(']');
            all.append(' ').append(5 + 2 * i).append(":w:pipe:[").append(500 + i).append(']');
        }
        events.add(kernel("fds", 101, "ends", all.toString()));
        Station split = apply(events).filters().get(0);
        assertEquals(List.of("fd 4 ◀ pipe 0", "fd 7 ▶ pipe 1"), split.fds());
        assertEquals(8, split.unusedEnds());
        PipelinePicture tidy = apply(List.of(kernel("fds", 101, "ends", "0:r:pipe:[500] 1:w:pipe:[501]"),
                kernel("fds", 100, "ends", "0:r:pipe:[9] 5:w:pipe:[500] 12:r:pipe:[504]")));
        Station after = tidy.filters().get(0);
        assertEquals(List.of("fd 0 ◀ pipe 0", "fd 1 ▶ pipe 1"), after.fds());
        assertEquals(0, after.unusedEnds());
        assertEquals(1, tidy.pipes().get(0).writeEnds());
        assertEquals(1, tidy.pipes().get(0).readEnds());
        assertEquals(List.of("fd 5 ▶ pipe 0", "fd 12 ◀ pipe 4"), tidy.root().fds());
    }

    @Test
    void blockingEndOfFileAndTheResult() {
        List<ProbeEvent> events = setUp();
        events.add(kernel("state", 101, "state", "S", "wchan", "anon_pipe_read", "comm", "pipeline"));
        PipelinePicture blocked = apply(events);
        assertTrue(blocked.filters().get(0).blockedOnInput());
        PipelinePicture done = apply(List.of(
                probe("close", 100, "fd", 5, "pipe", 0, "end", "write"),
                probe("eof", 101, "fd", 0, "pipe", 0, "result", 0),
                probe("read", 100, "fd", 12, "pipe", 4, "bytes", 4, "result", 4, "text", "abCd"),
                probe("output", 100, "text", "abCd", "bytes", 4),
                probe("exit", 101, "code", 0),
                probe("reap", 100, "child", 101, "code", 0)));
        assertTrue(done.inputClosed());
        assertTrue(done.pipes().get(0).endOfFile());
        assertEquals("abCd", done.output());
        assertEquals("abCd", done.received());
        Station split = done.filters().get(0);
        assertTrue(split.reaped());
        assertFalse(split.blockedOnInput(), "an exited process is not blocked, whatever the last sample said");
    }

    @Test
    void replayingAfterResetGivesTheSamePicture() {
        List<ProbeEvent> events = setUp();
        PipelinePicture once = apply(events);
        model.reset();
        model.publish();
        assertTrue(model.pictureProperty().get().filters().isEmpty());
        assertEquals(once, apply(events));
    }

    @Test
    void theTypedSentenceIsCleanedAndSurvivesReset() {
        model.requestedSentenceProperty().set("Hello big World");
        model.reset();
        assertEquals("Hello big World", model.requestedSentenceProperty().get());
        assertEquals("tab and new line", PipelineScenario.clean("tab\tand\nnew line"));
        assertEquals(PipelineScenario.DEFAULT_SENTENCE, PipelineScenario.clean("   "));
        assertEquals("caf", PipelineScenario.clean("caf\u00e9").strip());
        assertEquals(PipelineScenario.MAX_SENTENCE, PipelineScenario.clean("x".repeat(500)).length());
        assertEquals("theQuickBrownFoxJumpsOverTheLazyDog", PipelineScenario.camelCase(PipelineScenario.DEFAULT_SENTENCE));
        assertEquals("helloBigWorld", PipelineScenario.camelCase("Hello  big World"));
    }

    @Test
    void theScenarioPassesTheLatestModelsSentenceToTheProbe() {
        PipelineScenario scenario = new PipelineScenario();
        assertEquals(List.of(PipelineScenario.DEFAULT_SENTENCE), scenario.runSpec(true).args());
        PipelineViewModel made = (PipelineViewModel) scenario.createModel();
        made.requestedSentenceProperty().set("pipes are \u00fcber cool");
        assertEquals(List.of("pipes are  ber cool"), scenario.runSpec(false).args());
    }
}
