package org.procstage.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.procstage.protocol.ProbeEvent;
import org.procstage.session.SceneModel;

/**
 * The cheapest possible scene: it counts bench-flood's ticks, so the bench measures the pipeline
 * rather than a view. Applied on the frame thread only; read once the frames have stopped.
 */
final class CountingSceneModel implements SceneModel {
    static final long MISSING = Long.MIN_VALUE;

    private final int expected;
    private final long[] sendToApply;
    private final CountDownLatch complete = new CountDownLatch(1);
    private int ticks;
    private int strays;
    private int others;
    private long firstSend = Long.MAX_VALUE;
    private long lastApply;

    CountingSceneModel(int expected) {
        this.expected = expected;
        this.sendToApply = new long[expected];
        reset();
    }

    @Override
    public void reset() {
        Arrays.fill(sendToApply, MISSING);
        ticks = 0;
        strays = 0;
        others = 0;
        firstSend = Long.MAX_VALUE;
        lastApply = 0;
    }

    @Override
    public void apply(ProbeEvent e) {
        if (!e.is("tick")) {
            others++; // hello, exit, the stage's and the kernel sampler's events
            return;
        }
        long now = System.nanoTime();
        int seq = e.intField("seq", -1);
        if (seq < 0 || seq >= expected || sendToApply[seq] != MISSING) {
            strays++; // a repeated or invented tick: the pipeline is broken, not slow
            return;
        }
        sendToApply[seq] = now - e.t();
        ticks++;
        firstSend = Math.min(firstSend, e.t());
        lastApply = now;
        if (ticks == expected) {
            complete.countDown();
        }
    }

    @Override
    public void publish() {
    }

    boolean awaitAll(long timeout, TimeUnit unit) throws InterruptedException {
        return complete.await(timeout, unit);
    }

    int ticks() {
        return ticks;
    }

    int strays() {
        return strays;
    }

    int others() {
        return others;
    }

    long firstSend() {
        return firstSend;
    }

    long lastApply() {
        return lastApply;
    }

    /** Send-to-apply latency of every tick that arrived, in ns. */
    long[] sendToApply() {
        return Arrays.stream(sendToApply).filter(v -> v != MISSING).toArray();
    }
}
