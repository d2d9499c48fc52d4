package dev.parley.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary table on stdout and the JSON results file. */
final class Report {
    private static final double MIB = 1024.0 * 1024.0;

    private Report() {
    }

    static void table(PrintStream out, String workload, Map<String, String> environment, List<CaseResult> results) {
        out.println();
        out.printf("%s — %s%n", workload, environment.get("durability"));
        out.printf("machine: %s; server %s%n", environment.get("machine"), environment.get("server"));
        String header = String.format(Locale.ROOT, "%-14s %8s %-12s %9s %8s %8s %8s %8s %9s %8s %9s %8s %7s %6s %6s %5s",
                "case", "ops", "unit", "ops/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "CPU s/1k", "peak RSS",
                "disk MiB", "B/op", "DB +MiB", "errors", "missed", "dups");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (CaseResult r : results) {
            out.printf(Locale.ROOT, "%-14s %8d %-12s %9.1f %8.2f %8.2f %8.2f %8.1f %9.3f %7.0fM %9.2f %8.0f %7.2f %6d %6s %5s%s%n",
                    r.name(), r.operations(), shortUnit(r.unit()), r.throughput(), r.latency().p50(), r.latency().p95(),
                    r.latency().p99(), r.latency().max(), r.cpuSecondsPer1000(), r.usage().peakRssBytes() / MIB,
                    r.usage().writeBytes() / MIB, r.writeBytesPerOperation(), r.usage().databaseGrowthBytes() / MIB, r.errors(),
                    count(r, "missed"), count(r, "duplicates"), r.truncated() ? "  (cut short)" : "");
        }
        out.println();
        out.println("ops/s: operations per second of the measured phase; latency: send round trip (send-storm),");
        out.println("send-to-delivery through /sync (fanout*), request round trip (big-account, soak) or GC pause");
        out.println("(soak/gc); CPU s/1k: server CPU seconds (user+system) per 1,000");
        out.println("operations; peak RSS: highest server VmRSS sampled every 50 ms in the phase; disk: server's");
        out.println("/proc/<pid>/io write_bytes in the phase (B/op per operation); DB +MiB: growth of the");
        out.println("database files (SQLite: .db + -wal + -shm) or of pg_database_size in the phase.");
        for (CaseResult r : results) {
            for (String note : r.notes()) {
                out.printf("note %s: %s%n", r.name(), note);
            }
        }
    }

    private static String shortUnit(String unit) {
        return unit.length() > 12 ? unit.substring(0, 12) : unit;
    }

    private static String count(CaseResult r, String key) {
        Long value = r.counts().get(key);
        return value == null ? "-" : value.toString();
    }

    static void json(Path file, String workload, Map<String, String> environment, List<CaseResult> results)
            throws IOException {
        ObjectNode root = Matrix.JSON.createObjectNode();
        root.put("workload", workload);
        root.put("finished_at", Instant.now().toString());
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        ArrayNode cases = root.putArray("cases");
        for (CaseResult r : results) {
            ObjectNode c = cases.addObject();
            c.put("case", r.name());
            c.set("parameters", Matrix.JSON.valueToTree(r.parameters()));
            c.put("unit", r.unit());
            c.put("operations", r.operations());
            c.put("errors", r.errors());
            c.put("seconds", r.usage().seconds());
            c.put("throughput_per_s", r.throughput());
            ObjectNode latency = c.putObject("latency_ms");
            latency.put("count", r.latency().count());
            latency.put("p50", r.latency().p50());
            latency.put("p95", r.latency().p95());
            latency.put("p99", r.latency().p99());
            latency.put("max", r.latency().max());
            latency.put("mean", r.latency().mean());
            ObjectNode server = c.putObject("server");
            server.put("cpu_seconds", r.usage().serverCpuSeconds());
            server.put("cpu_seconds_per_1000_ops", r.cpuSecondsPer1000());
            server.put("peak_rss_bytes", r.usage().peakRssBytes());
            server.put("vm_hwm_bytes", r.usage().hwmBytes());
            server.put("disk_write_bytes", r.usage().writeBytes());
            server.put("disk_write_bytes_per_op", r.writeBytesPerOperation());
            server.put("database_bytes_after", r.usage().databaseBytesAfter());
            server.put("database_growth_bytes", r.usage().databaseGrowthBytes());
            c.put("loadgen_cpu_seconds", r.usage().loadgenCpuSeconds());
            r.counts().forEach(c::put);
            c.put("truncated", r.truncated());
            ArrayNode notes = c.putArray("notes");
            r.notes().forEach(notes::add);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Matrix.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}
