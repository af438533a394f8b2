package org.procstage.scenes.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.procstage.testing.Fields.fields;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.fifo.FifoPicture.OpenCall;
import org.procstage.scenes.fifo.FifoPicture.Proc;

/** The fifo reducer on hand-made events. */
class FifoViewModelTest {
    private final FifoViewModel model = new FifoViewModel();
    private long t;

    private ProbeEvent probe(String type, int pid, Object... kv) {
        return ProbeEvent.probe(type, ++t, pid, fields(kv));
    }

    private ProbeEvent kernel(String type, int pid, Object... kv) {
        return ProbeEvent.kernel(type, ++t, pid, fields(kv));
    }

    private FifoPicture apply(ProbeEvent... events) {
        for (ProbeEvent e : events) {
            model.apply(e);
        }
        model.publish();
        return model.pictureProperty().get();
    }

    private static Proc role(FifoPicture p, String role) {
        return p.processes().stream().filter(x -> x.role().equals(role)).findFirst().orElseThrow();
    }

    private List<ProbeEvent> upToBlockedReader() {
        List<ProbeEvent> events = new ArrayList<>();
        events.add(probe("hello", 9, "comm", "procstage-stage"));
        events.add(probe("role", 10, "role", "root"));
        events.add(probe("fifo-made", 10, "name", "demo.fifo", "fileType", "p", "mode", "prw-------", "inode", 77));
        events.add(probe("fork", 10, "child", 11));
        events.add(probe("role", 11, "role", "reader"));
        events.add(probe("fifo-opening", 11, "mode", "O_RDONLY"));
        events.add(kernel("state", 11, "state", "S", "wchan", "wait_for_partner", "comm", "fifo"));
        return events;
    }

    @Test
    void aReaderAsleepInOpenIsShownBlockedOnlyOnTheKernelsWord() {
        List<ProbeEvent> events = upToBlockedReader();
        FifoPicture before = apply(events.subList(0, 6).toArray(ProbeEvent[]::new));
        assertFalse(role(before, "reader").waitsForPartner(), "no kernel reading yet: not shown as blocked");
        assertTrue(before.opens().get(0).pending());
        FifoPicture after = apply(events.get(6));
        assertTrue(role(after, "reader").waitsForPartner());
        assertTrue(after.opens().get(0).blockedSeen());
        assertEquals("p", after.file().fileType());
        assertTrue(after.file().exists());
        assertTrue(after.processes().stream().noneMatch(p -> p.pid() == 9), "the stage is not a player here");
    }

    @Test
    void theWritersOpenReleasesTheReaderAndTheMessageCrosses() {
        apply(upToBlockedReader().toArray(ProbeEvent[]::new));
        FifoPicture p = apply(
                probe("role", 12, "role", "writer"),
                probe("fifo-opening", 12, "mode", "O_WRONLY"),
                probe("fifo-open", 12, "mode", "O_WRONLY", "result", 4, "fd", 4, "ms", 0.03),
                probe("fifo-open", 11, "mode", "O_RDONLY", "result", 4, "fd", 4, "ms", 412.5),
                probe("write", 12, "fd", 4, "bytes", 5, "result", 5, "text", "hello"),
                probe("read", 11, "fd", 4, "bytes", 5, "result", 5, "text", "hello"));
        OpenCall reader = p.opens().get(0);
        assertFalse(reader.pending());
        assertEquals("fd 4", reader.result());
        assertTrue(reader.blockedSeen() && reader.ms() > 400);
        assertFalse(role(p, "reader").waitsForPartner(), "open() returned: no longer blocked, whatever the last sample");
        assertEquals(List.of("4 O_WRONLY"), role(p, "writer").probeFds());
        assertEquals("hello", p.written());
        assertEquals("hello", p.readText());
        FifoPicture closed = apply(probe("close", 12, "fd", 4), probe("eof", 11, "fd", 4, "result", 0));
        assertTrue(role(closed, "writer").probeFds().isEmpty());
        assertTrue(closed.endOfFile());
    }

    @Test
    void enxioIsAFailedOpenAndUnlinkRemovesTheName() {
        apply(upToBlockedReader().toArray(ProbeEvent[]::new));
        FifoPicture p = apply(
                probe("fifo-opening", 10, "mode", "O_WRONLY|O_NONBLOCK"),
                probe("fifo-open", 10, "mode", "O_WRONLY|O_NONBLOCK", "result", "ENXIO", "errno", 6, "ms", 0.01));
        OpenCall last = p.opens().get(p.opens().size() - 1);
        assertTrue(last.failed());
        assertEquals("ENXIO", last.result());
        assertTrue(model.actionProperty().get().contains("ENXIO"));
        FifoPicture removed = apply(probe("fifo-removed", 10, "name", "demo.fifo", "result", 0),
                kernel("fifo-stat", 10, "name", "demo.fifo", "exists", false));
        assertTrue(removed.file().removed());
        assertEquals("gone", removed.file().kernelType());
    }

    @Test
    void kernelFdTablesKeepOnlyFifoEnds() {
        apply(upToBlockedReader().toArray(ProbeEvent[]::new));
        FifoPicture p = apply(kernel("fds", 11, "ends", "0:r:pipe:[5] 4:r:fifo:demo.fifo", "count", 2));
        assertEquals(1, role(p, "reader").fifoEnds().size());
        assertEquals(4, role(p, "reader").fifoEnds().get(0).fd());
    }

    @Test
    void resetForgetsEverythingAndReplayingGivesTheSamePicture() {
        List<ProbeEvent> events = upToBlockedReader();
        FifoPicture once = apply(events.toArray(ProbeEvent[]::new));
        model.reset();
        model.publish();
        assertTrue(model.pictureProperty().get().processes().isEmpty());
        assertEquals(once, apply(events.toArray(ProbeEvent[]::new)));
    }
}
