package dev.parley.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The soak's figures that need the server stopped, run by {@code bench/run.sh} after it stopped
 * and restarted the server: the database's bytes per 1,000,000 events, split into event tables,
 * state tables, indexes and the rest with SQLite's {@code dbstat} virtual table (through the
 * {@code sqlite3} command on a copy of the database), and the stop and restart times it measured.
 * Prints them and adds them to the soak's results file.
 *
 * <pre>java -cp parley-loadgen.jar dev.parley.bench.SoakFinish RESULTS.json STOP_SECONDS RESTART_SECONDS [DB_COPY]</pre>
 */
public final class SoakFinish {
    /** Tables holding events and what hangs off each event. */
    private static final Set<String> EVENT_TABLES = Set.of("events", "event_edges", "event_transactions", "redactions",
            "event_relations", "rooms", "forward_extremities");
    /** Tables holding room state (state groups, current state). */
    private static final Set<String> STATE_TABLES = Set.of("state_groups", "state_group_entries", "current_state");

    private SoakFinish() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        ObjectNode root = (ObjectNode) Matrix.JSON.readTree(results.toFile());
        ObjectNode after = root.putObject("after_stop");
        after.put("graceful_stop_seconds", Double.parseDouble(args[1]));
        after.put("restart_to_first_200_seconds", Double.parseDouble(args[2]));
        System.out.printf(Locale.ROOT, "%nsoak, after the phase: graceful stop %s s; restart with the grown database to the "
                + "first 200 of /versions %s s%n", args[1], args[2]);
        if (args.length > 3) {
            split(Path.of(args[3]), after);
        } else {
            System.out.println("(no SQLite database: the split by dbstat is SQLite's only)");
        }
        Matrix.JSON.writerWithDefaultPrettyPrinter().writeValue(results.toFile(), root);
    }

    private static void split(Path db, ObjectNode after) throws IOException, InterruptedException {
        long events = Long.parseLong(sqlite(db, "SELECT count(*) FROM events").getFirst());
        Map<String, Long> byPart = new LinkedHashMap<>();
        for (String part : List.of("events", "state", "indexes", "other")) {
            byPart.put(part, 0L);
        }
        ObjectNode objects = after.putObject("dbstat_bytes");
        long total = 0;
        for (String line : sqlite(db, "SELECT d.name, COALESCE(m.type, ''), COALESCE(m.tbl_name, d.name), SUM(d.pgsize) "
                + "FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name GROUP BY d.name ORDER BY 4 DESC")) {
            String[] f = line.split("\\|");
            long bytes = Long.parseLong(f[3]);
            String table = f[2].replaceFirst("_v80$", "");
            String part = f[1].equals("index") || f[0].startsWith("sqlite_autoindex") ? "indexes"
                    : EVENT_TABLES.contains(table) ? "events" : STATE_TABLES.contains(table) ? "state" : "other";
            byPart.merge(part, bytes, Long::sum);
            objects.put(f[0], bytes);
            total += bytes;
        }
        after.put("events_in_database", events);
        after.put("database_bytes", total);
        ObjectNode perMillion = after.putObject("bytes_per_1m_events");
        System.out.printf(Locale.ROOT, "database (dbstat on a copy): %.1f MiB for %,d events; per 1,000,000 events:%n",
                total / 1048576.0, events);
        List<String> parts = new ArrayList<>();
        byPart.forEach((part, bytes) -> {
            double per = events > 0 ? bytes * 1e6 / events : Double.NaN;
            perMillion.put(part, Math.round(per));
            parts.add(String.format(Locale.ROOT, "%s %.2f GB", part, per / 1e9));
        });
        perMillion.put("total", events > 0 ? Math.round(total * 1e6 / events) : -1);
        System.out.printf(Locale.ROOT, "  total %.2f GB = %s%n", events > 0 ? total * 1e6 / events / 1e9 : Double.NaN,
                String.join(", ", parts));
        System.out.println("  (events: events, edges, transactions, relations, redactions, rooms, extremities; "
                + "state: state groups and current state; indexes: every index incl. primary-key ones; other: "
                + "accounts, devices, receipts, ...)");
    }

    private static List<String> sqlite(Path db, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sqlite3", "-readonly", db.toString(), sql)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("sqlite3 failed on " + sql);
        }
        return out.lines().toList();
    }
}
