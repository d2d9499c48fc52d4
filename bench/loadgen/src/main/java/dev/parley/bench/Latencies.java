package dev.parley.bench;

import java.util.Arrays;

/** Every latency of a phase, in microseconds; exact percentiles (nearest rank) at the end. */
final class Latencies {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    /** Percentiles in milliseconds. */
    record Summary(long count, double p50, double p95, double p99, double max, double mean) {
        static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    synchronized Summary summary() {
        if (size == 0) {
            return Summary.EMPTY;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Summary(size, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted[size - 1] / 1000.0, sum / size / 1000.0);
    }

    private static double rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }
}
