package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one case of a workload. {@code operations} are what the workload counts (sent
 * events for a send storm, deliveries through /sync for fan-out), and the per-operation figures
 * divide by them.
 */
record CaseResult(String workload, String name, Map<String, Object> parameters, String unit, long operations,
                  long errors, Latencies.Summary latency, ServerProbe.Usage usage, Map<String, Long> counts,
                  boolean truncated, List<String> notes) {

    double throughput() {
        return usage.seconds() > 0 ? operations / usage.seconds() : Double.NaN;
    }

    double cpuSecondsPer1000() {
        return operations > 0 ? usage.serverCpuSeconds() / operations * 1000 : Double.NaN;
    }

    double writeBytesPerOperation() {
        return operations > 0 ? usage.writeBytes() / (double) operations : Double.NaN;
    }

    static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }
}
