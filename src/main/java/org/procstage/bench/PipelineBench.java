package org.procstage.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.LiveRun;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProbeMissingException;
import org.procstage.run.ProcessStarter;
import org.procstage.run.RunSpec;
import org.procstage.session.EventBatcher;

/**
 * bench-flood through the app's real live pipeline: stage, socket, reader thread, LiveRun,
 * EventBatcher, and a frame loop standing in for the FX pulse that drains the batcher at 60 Hz.
 */
public final class PipelineBench {
    public static final String PROBE = "bench-flood";
    static final long FRAME_NS = 1_000_000_000L / 60;

    /** What one run delivered. Latencies in ns, one per tick that arrived. */
    public record Result(int expected, int ticks, int strays, int others, List<String> problems,
                         long firstSend, long lastApply, int frames, int maxPerFrame,
                         long[] sendToReader, long[] sendToApply) {
        public boolean complete() {
            return ticks == expected && strays == 0 && problems.isEmpty();
        }

        /** From the first tick's send to the last tick's apply: a frame's wait counts too. */
        public double seconds() {
            return ticks == 0 ? 0 : (lastApply - firstSend) / 1e9;
        }

        public double eventsPerSecond() {
            return seconds() <= 0 ? 0 : ticks / seconds();
        }
    }

    private PipelineBench() {
    }

    /** Runs bench-flood with count ticks, back to back (intervalUs 0) or one per intervalUs. */
    public static Result run(ProbeInstaller installer, ProcessStarter starter, int count, long intervalUs,
                             Duration timeout) throws IOException, ProbeMissingException, InterruptedException {
        CountingSceneModel model = new CountingSceneModel(count);
        AtomicLongArray sendToReader = new AtomicLongArray(count);
        for (int i = 0; i < count; i++) {
            sendToReader.set(i, CountingSceneModel.MISSING);
        }
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        int[] frames = new int[2]; // [frames that applied something, largest batch]: frame thread only
        // The batcher's own executor does nothing: like the FX pulse, the frame loop decides when to drain.
        EventBatcher batcher = new EventBatcher(task -> { }, batch -> {
            frames[0]++;
            frames[1] = Math.max(frames[1], batch.size());
            for (ProbeEvent e : batch) {
                model.apply(e);
            }
            model.publish();
        });
        ScheduledExecutorService frameLoop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-frame-60hz");
            t.setDaemon(true);
            return t;
        });
        frameLoop.scheduleAtFixedRate(() -> {
            try {
                batcher.drain();
            } catch (RuntimeException e) {
                problems.add("frame failed: " + e); // a thrown task would silently end the loop
            }
        }, FRAME_NS, FRAME_NS, TimeUnit.NANOSECONDS);

        List<String> args = intervalUs > 0 ? List.of(Integer.toString(count), Long.toString(intervalUs))
                : List.of(Integer.toString(count));
        RunSpec spec = new RunSpec(PROBE, PROBE, args, false, 4, List.of());
        try (LiveRun run = LiveRun.start(spec, installer, starter, e -> {
            long now = System.nanoTime();
            if (e.is("tick")) {
                int seq = e.intField("seq", -1);
                if (seq >= 0 && seq < count) {
                    sendToReader.set(seq, now - e.t());
                }
            }
            batcher.offer(e);
        }, problems::add)) {
            awaitTicks(model, run, timeout);
        } finally {
            frameLoop.shutdownNow();
            frameLoop.awaitTermination(2, TimeUnit.SECONDS);
        }
        batcher.drain(); // only a lost-event run has anything left here
        long[] reader = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            long v = sendToReader.get(i);
            if (v != CountingSceneModel.MISSING) {
                reader[n++] = v;
            }
        }
        return new Result(count, model.ticks(), model.strays(), model.others(), List.copyOf(problems),
                model.firstSend(), model.lastApply(), frames[0], frames[1],
                java.util.Arrays.copyOf(reader, n), model.sendToApply());
    }

    /** Until every tick is applied, the timeout passes, or the run ended a second ago without them. */
    private static void awaitTicks(CountingSceneModel model, LiveRun run, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long endedAt = 0;
        while (!model.awaitAll(10, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (now > deadline) {
                return;
            }
            if (run.ended()) {
                if (endedAt == 0) {
                    endedAt = now;
                } else if (now - endedAt > TimeUnit.SECONDS.toNanos(1)) {
                    return;
                }
            }
        }
    }
}
