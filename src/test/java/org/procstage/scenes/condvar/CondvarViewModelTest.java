package org.procstage.scenes.condvar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.procstage.testing.Fields.fields;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;

/** The condvar reducer on hand-made events: cond_wait's parts, the signal, CPU ticks. */
class CondvarViewModelTest {
    private static final int MAIN = 10;
    private static final int CONSUMER = 11;
    private static final int BUSY = 12;
    private static final int PRODUCER = 13;
    private long clock = 5_000_000_000L;
    private final List<ProbeEvent> events = new ArrayList<>();
    private final CondvarViewModel model = new CondvarViewModel();

    private void probe(String type, int pid, Object... kv) {
        events.add(ProbeEvent.probe(type, clock += 1_000_000, pid, fields(kv)));
    }

    private void kernel(String type, int pid, Object... kv) {
        events.add(ProbeEvent.kernel(type, clock += 1_000_000, pid, fields(kv)));
    }

    private CondvarPicture picture() {
        model.reset();
        events.forEach(model::apply);
        model.publish();
        return model.pictureProperty().get();
    }

    /** The consumer locks, finds no 22 and waits; the producer writes 17. */
    private void consumerWaits() {
        probe("shared", MAIN, "object", "mutex", "addr", "0x7f0000000000", "size", 40);
        probe("shared", MAIN, "object", "cond", "addr", "0x7f0000000028", "size", 48);
        probe("role", CONSUMER, "role", "consumer");
        probe("role", BUSY, "role", "busy");
        probe("role", PRODUCER, "role", "producer");
        probe("acquire", CONSUMER, "lock", "mutex");
        probe("acquired", CONSUMER, "lock", "mutex");
        probe("read", CONSUMER, "field", "number", "value", 0);
        probe("cond-wait", CONSUMER, "cond", "lucky", "lock", "mutex");
        probe("spin", BUSY, "field", "number");
        probe("acquire", PRODUCER, "lock", "mutex");
        probe("acquired", PRODUCER, "lock", "mutex");
        probe("write", PRODUCER, "field", "number", "value", 17, "index", 1, "forced", false);
        probe("release", PRODUCER, "lock", "mutex");
    }

    @Test
    void condWaitReleasesTheMutexAndQueuesTheConsumer() {
        probe("shared", MAIN, "object", "mutex", "addr", "0x7f0000000000", "size", 40);
        probe("role", CONSUMER, "role", "consumer");
        probe("acquire", CONSUMER, "lock", "mutex");
        probe("acquired", CONSUMER, "lock", "mutex");
        assertEquals(CONSUMER, picture().mutexOwner());
        probe("cond-wait", CONSUMER, "cond", "lucky", "lock", "mutex");
        CondvarPicture p = picture();
        assertEquals(0, p.mutexOwner(), "cond_wait released the mutex");
        assertEquals(List.of(CONSUMER), p.condQueue());
        assertTrue(p.action().contains("releases the mutex and goes to sleep"), p.action());
    }

    @Test
    void theSignalWakesTheConsumerWhichThenNeedsTheMutexBack() {
        consumerWaits();
        probe("acquire", PRODUCER, "lock", "mutex");
        probe("acquired", PRODUCER, "lock", "mutex");
        probe("write", PRODUCER, "field", "number", "value", 22, "index", 2, "forced", false);
        probe("cond-signal", PRODUCER, "cond", "lucky");
        CondvarPicture p = picture();
        assertTrue(p.condQueue().isEmpty(), "the signal took it off the condvar");
        assertEquals(List.of(CONSUMER), p.signalled());
        assertEquals(List.of(CONSUMER), p.mutexWaiters(), "woken, it needs the mutex back");
        assertEquals(PRODUCER, p.mutexOwner());
        assertTrue(p.action().contains("still holds it"), p.action());

        kernel("futex", CONSUMER, "addr", "0x7f0000000000", "op", "0x0");
        p = picture();
        assertEquals("mutex", p.actor(CONSUMER).futexOn());
        assertTrue(p.action().startsWith("The kernel shows the consumer"), p.action());

        probe("release", PRODUCER, "lock", "mutex");
        assertEquals(0, picture().mutexOwner());
        probe("wake", CONSUMER, "cond", "lucky");
        probe("acquired", CONSUMER, "lock", "mutex", "reacquired", true);
        p = picture();
        assertEquals(CONSUMER, p.mutexOwner(), "re-acquired");
        assertTrue(p.signalled().isEmpty() && p.mutexWaiters().isEmpty());
        assertEquals(List.of(17, 22), p.numbers().stream().map(CondvarPicture.Written::value).toList());
    }

    @Test
    void futexAddressesAreMatchedToTheSharedObjects() {
        consumerWaits();
        kernel("futex", CONSUMER, "addr", "0x7f0000000050", "op", "0x109");
        assertEquals("condvar", picture().actor(CONSUMER).futexOn());
        kernel("futex", CONSUMER, "addr", "0x7f0000009000", "op", "0x109");
        assertEquals("other", picture().actor(CONSUMER).futexOn());
        kernel("futex", CONSUMER, "addr", "", "op", "");
        assertEquals("", picture().actor(CONSUMER).futexOn());
    }

    @Test
    void cpuTicksAndSpinCountsAreShown() {
        consumerWaits();
        kernel("cputime", CONSUMER, "ticks", 0L, "userTicks", 0L, "systemTicks", 0L);
        kernel("cputime", BUSY, "ticks", 87L, "userTicks", 87L, "systemTicks", 0L);
        probe("spin-end", BUSY, "checks", 123456789L, "gaveUp", false);
        CondvarPicture p = picture();
        assertEquals(0, p.role("consumer").ticks());
        assertEquals(87, p.role("busy").ticks());
        assertEquals(-1, p.role("producer").ticks(), "not read yet");
        assertEquals(123456789L, p.busyChecks());
        assertTrue(p.action().contains("123,456,789"), p.action());
    }

    @Test
    void aForcedLuckyNumberIsMarked() {
        consumerWaits();
        probe("write", PRODUCER, "field", "number", "value", 22, "index", 12, "forced", true);
        CondvarPicture p = picture();
        assertTrue(p.numbers().get(p.numbers().size() - 1).forced());
        assertTrue(p.action().contains("forced"), p.action());
    }

    @Test
    void rolesComeInATeachingOrderWhateverTheArrival() {
        consumerWaits();
        assertEquals(List.of("producer", "consumer", "busy"), picture().actors().stream().map(Actor::role).toList());
    }
}
