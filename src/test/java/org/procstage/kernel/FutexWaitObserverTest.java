package org.procstage.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.protocol.ProbeEvent;

/** The futex observer on a fake /proc: reports the address on change only. */
class FutexWaitObserverTest {
    @TempDir
    Path proc;

    private void syscall(int pid, String text) throws Exception {
        Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(proc.resolve(pid + "/syscall"), text + "\n");
    }

    @Test
    void reportsTheFutexAddressOnceThenItsEnd() throws Exception {
        FutexWaitObserver o = new FutexWaitObserver();
        ProcReader reader = new ProcReader(proc);
        String nr = Integer.toString(FutexWaitObserver.FUTEX);
        syscall(7, "running");
        assertTrue(o.observe(7, reader, 1).isEmpty(), "not waiting: nothing to say");
        syscall(7, nr + " 0x7f77b6f29000 0x109 0x0 0x0 0x0 0xffffffff 0x7ffe87da6730 0x7f77b6dc5e96");
        List<ProbeEvent> first = o.observe(7, reader, 2);
        assertEquals(1, first.size());
        assertTrue(first.get(0).fromKernel());
        assertEquals("futex", first.get(0).type());
        assertEquals("0x7f77b6f29000", first.get(0).str("addr", ""));
        assertEquals("0x109", first.get(0).str("op", ""));
        assertTrue(o.observe(7, reader, 3).isEmpty(), "unchanged: no event");
        syscall(7, "230 0x0 0x0 0x7ffe87da67a0 0x7ffe87da67a0 0x0 0x0 0x7ffe87da6788 0x7f77b6e0f503");
        List<ProbeEvent> end = o.observe(7, reader, 4);
        assertEquals("", end.get(0).str("addr", "?"));
    }

    @Test
    void saysNothingWhenTheFileCannotBeRead() {
        assertTrue(new FutexWaitObserver().observe(99, new ProcReader(proc), 1).isEmpty());
    }

    @Test
    void parsesAddresses() {
        assertEquals(0x7f77b6f29000L, FutexWaitObserver.parseAddress("0x7f77b6f29000"));
        assertEquals(-1, FutexWaitObserver.parseAddress(""));
        assertEquals(-1, FutexWaitObserver.parseAddress("0xzz"));
        assertEquals(-1, FutexWaitObserver.parseAddress(null));
    }
}
