package org.procstage.scenes.pipe;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches the single writer of one pipe round: is it stuck in write(), and what did it take to
 * wake it? Times are the events' CLOCK_MONOTONIC ns. Fresh kernel evidence (a reading taken after
 * the writer's last write or step point) decides; without it, a full pipe (FIONREAD = capacity)
 * after its last write means its next write waits — unless it has since reached a step point.
 */
final class WriterWatch {
    private final List<long[]> reads = new ArrayList<>(); // {t0, bytes}
    private long lastWriteT;
    private long gateT = -1;
    private long stateT = -1;
    private boolean stateBlocked;
    private long fullT = -1;
    private long closedT = -1;
    private long wakePrevT = -1;
    private long wakeT = -1;

    void reset() {
        reads.clear();
        lastWriteT = 0;
        gateT = -1;
        stateT = -1;
        stateBlocked = false;
        fullT = -1;
        closedT = -1;
        wakePrevT = -1;
        wakeT = -1;
    }

    /** The writer's write returned at t; true when it had been asleep, i.e. this write woke it. */
    boolean wrote(long t) {
        boolean woke = asleep();
        if (woke) {
            wakePrevT = lastWriteT;
            wakeT = t;
        }
        lastWriteT = t;
        return woke;
    }

    void read(long t0, long bytes) {
        reads.add(new long[] {t0, bytes});
    }

    /** The writer reached a step point of a paced run: it waits there, not in write(). */
    void atStepPoint(long t) {
        gateT = t;
    }

    void kernelState(long t, boolean inPipeWrite) {
        stateT = t;
        stateBlocked = inPipeWrite;
    }

    void full(long t) {
        fullT = t;
    }

    void closed(long t) {
        closedT = t;
    }

    long closedAt() {
        return closedT;
    }

    boolean kernelSaysBlocked() {
        return stateBlocked;
    }

    boolean asleep() {
        if (closedT >= 0) {
            return false;
        }
        if (stateT > Math.max(lastWriteT, gateT)) {
            return stateBlocked;
        }
        if (gateT > lastWriteT) {
            return false;
        }
        return fullT > lastWriteT;
    }

    /** Bytes and read() calls of reads that started in (from, to). */
    long[] readBetween(long from, long to) {
        long bytes = 0;
        long count = 0;
        for (long[] r : reads) {
            if (r[0] > from && r[0] < to) {
                bytes += r[1];
                count++;
            }
        }
        return new long[] {bytes, count};
    }

    /** What the last wake-up took; reads that began before the write returned count too. */
    long[] lastWake() {
        return wakeT < 0 ? null : readBetween(wakePrevT, wakeT);
    }

    /** Is the kernel's latest reading of the writer newer than its last write and step point? */
    boolean kernelFresh() {
        return stateT > Math.max(lastWriteT, gateT);
    }

    PipeScene.PageWake pageWake() {
        long[] woke = lastWake();
        Long wokeAfter = woke == null ? null : woke[0];
        int wokeReads = woke == null ? 0 : (int) woke[1];
        if (asleep()) {
            long[] r = readBetween(lastWriteT, Long.MAX_VALUE);
            return new PipeScene.PageWake(true, r[0], (int) r[1], wokeAfter, wokeReads);
        }
        return new PipeScene.PageWake(false, 0, 0, wokeAfter, wokeReads);
    }
}
