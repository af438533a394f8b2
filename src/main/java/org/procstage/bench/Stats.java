package org.procstage.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of latencies in ns. */
public final class Stats {
    private final long[] sorted;

    public Stats(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The q-th percentile (0 < q <= 100); 0 when there are no values. */
    public long percentile(double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }
}
