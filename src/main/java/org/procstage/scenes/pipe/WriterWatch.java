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
    private final List<long[]> reads = new ArrayList<>();    // {t0, bytes}
    private final List<long[]> readings = new ArrayList<>(); // kernel: {t, 1 if S in pipe_write}
    private final List<Long> fulls = new ArrayList<>();      // FIONREAD at capacity
    private final List<Long> gates = new ArrayList<>();      // the writer at a paced step point
    private long lastWriteT;
    private long closedT = -1;
    private long wakePrevT = -1;
    private long wakeT = -1;

    void reset() {
        reads.clear();
        readings.clear();
        fulls.clear();
        gates.clear();
        lastWriteT = 0;
        closedT = -1;
        wakePrevT = -1;
        wakeT = -1;
    }

    /**
     * The writer's write, begun at t0, returned at t; true when it had been asleep, i.e. this write woke it.
     * Live, kernel readings and other processes' events can arrive out of time order, so "asleep"
     * is judged as of t from whatever has arrived with an earlier time.
     */
    boolean wrote(long t, long t0) {
        // A write still in progress while the reader read was waiting for that room: the probe's
        // own clock shows it, however late the kernel samples came on a busy machine.
        boolean woke = asleepAt(t) || readBetween(t0, t)[1] > 0;
        if (woke) {
            wakePrevT = lastWriteT;
            wakeT = t;
        }
        lastWriteT = Math.max(lastWriteT, t);
        readings.removeIf(r -> r[0] < lastWriteT);
        fulls.removeIf(f -> f < lastWriteT);
        gates.removeIf(g -> g < lastWriteT);
        return woke;
    }

    void read(long t0, long bytes) {
        reads.add(new long[] {t0, bytes});
    }

    /** The writer reached a step point of a paced run: it waits there, not in write(). */
    void atStepPoint(long t) {
        gates.add(t);
    }

    void kernelState(long t, boolean inPipeWrite) {
        readings.add(new long[] {t, inPipeWrite ? 1 : 0});
    }

    void full(long t) {
        fulls.add(t);
    }

    void closed(long t) {
        closedT = t;
    }

    long closedAt() {
        return closedT;
    }

    private long[] latestReading(long before) {
        long[] latest = null;
        for (long[] r : readings) {
            if (r[0] < before && (latest == null || r[0] > latest[0])) {
                latest = r;
            }
        }
        return latest;
    }

    /** The kernel's latest reading says S in pipe_write. */
    boolean kernelSaysBlocked() {
        long[] r = latestReading(Long.MAX_VALUE);
        return r != null && r[1] == 1;
    }

    /** Is there a kernel reading newer than the writer's last write and step point? */
    boolean kernelFresh() {
        long[] r = latestReading(Long.MAX_VALUE);
        long gate = gates.stream().mapToLong(Long::longValue).max().orElse(-1);
        return r != null && r[0] > Math.max(lastWriteT, gate);
    }

    boolean asleep() {
        return closedT < 0 && asleepAt(Long.MAX_VALUE);
    }

    /**
     * Fresh kernel evidence (a reading after the writer's last write and step point) decides;
     * without it, a full pipe after its last write means its next write waits — unless it has
     * since reached a step point.
     */
    private boolean asleepAt(long t) {
        long gate = gates.stream().filter(g -> g < t).mapToLong(Long::longValue).max().orElse(-1);
        long[] r = latestReading(t);
        if (r != null && r[0] > Math.max(lastWriteT, gate)) {
            return r[1] == 1;
        }
        if (gate > lastWriteT) {
            return false;
        }
        return fulls.stream().anyMatch(f -> f > lastWriteT && f < t);
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
