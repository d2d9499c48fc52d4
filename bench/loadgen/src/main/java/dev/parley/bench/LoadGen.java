package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parley's load generator (issue 9). Drives a running server over HTTP on loopback, measures
 * the server process through /proc, prints a table and writes a JSON file. Normally started by
 * {@code bench/run.sh}, which also starts and stops a fresh server.
 *
 * <pre>
 * java -jar parley-loadgen.jar --base http://127.0.0.1:18508 --secret SECRET --server-pid PID
 *     [--data-dir DIR] [--durability TEXT] [--server TEXT] [--out FILE] [--max-seconds N]
 *     [--pg-database NAME] [--messages N] [--rate R] [--drain-seconds N] [--clk-tck 100]  WORKLOAD [CASE ...]
 * java -jar parley-loadgen.jar --list
 * </pre>
 */
public final class LoadGen {
    private LoadGen() {
    }

    static Map<String, Workload> workloads() {
        Map<String, Workload> all = new LinkedHashMap<>();
        for (Workload w : List.of(
                new SendStorm(),
                new FanOut("fanout", new FanOutChannel.RoomMessages(),
                        List.of("s1-m2", "s1-m50", "s100-m2", "s100-m50", "s1000-m2", "s1000-m50", "s1000-m1000")),
                new FanOut("fanout-to-device", new ToDeviceMessages(), List.of("s1", "s100", "s1000")),
                new FanOut("fanout-typing", new Typing(), List.of("s1-m2", "s100-m100", "s1000-m100")),
                new BigAccount(),
                new LongPollHeap(),
                new PendingWorkload("big-federated-room", "join a 30,000-state-event room from a scripted resident server",
                        "federation (make_join/send_join, state ingestion)"),
                new Soak())) {
            all.put(w.name(), w);
        }
        return all;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--list") || a.equals("--help")) {
                options.put(a.substring(2), "true");
            } else if (a.startsWith("--")) {
                if (i + 1 >= argv.length) {
                    die("option " + a + " needs a value");
                }
                options.put(a.substring(2), argv[++i]);
            } else {
                positional.add(a);
            }
        }
        Map<String, Workload> workloads = workloads();
        if (options.containsKey("list") || options.containsKey("help") || positional.isEmpty()) {
            System.out.println("workloads (case names after the workload; none = its default cases):");
            for (Workload w : workloads.values()) {
                System.out.printf("  %-20s %s%n  %-20s   cases: %s%s%n", w.name(), w.description(), "", w.caseSyntax(),
                        w.defaultCases().isEmpty() ? "" : "; default " + String.join(" ", w.defaultCases()));
            }
            return;
        }
        Workload workload = workloads.get(positional.get(0));
        if (workload == null) {
            die("unknown workload " + positional.get(0) + "; --list shows them");
        }
        if (workload instanceof PendingWorkload pending) {
            System.err.println(pending.name() + " is not implemented yet: it waits for " + pending.waitsFor() + ".");
            System.exit(2);
        }
        List<String> cases = positional.size() > 1 ? positional.subList(1, positional.size()) : workload.defaultCases();

        String base = require(options, "base");
        long pid = Long.parseLong(require(options, "server-pid"));
        Path dataDir = options.containsKey("data-dir") ? Path.of(options.get("data-dir")) : null;
        ServerProbe probe = new ServerProbe(pid, Long.parseLong(options.getOrDefault("clk-tck", "100")), dataDir,
                options.get("pg-database"));
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String runId = "b" + java.util.HexFormat.of().formatHex(random);
        Context context = new Context(base, require(options, "secret"), probe, options, runId);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("durability", options.getOrDefault("durability", "unknown (pass --durability)"));
        environment.put("server", options.getOrDefault("server", "pid " + pid + " at " + base));
        environment.put("machine", machine());
        environment.put("run_id", runId);
        environment.put("command", String.join(" ", argv).replaceAll("--secret \\S+", "--secret ***"));

        List<CaseResult> results = new ArrayList<>();
        for (String caseName : cases) {
            Context.log("=== %s %s", workload.name(), caseName);
            for (CaseResult result : workload.runAll(caseName, context)) {
                results.add(result);
                Context.log("%s: %d %s in %.2f s, p50 %.2f ms, p99 %.2f ms, server CPU %.2f s, errors %d %s",
                        result.name(), result.operations(), result.unit(), result.usage().seconds(), result.latency().p50(),
                        result.latency().p99(), result.usage().serverCpuSeconds(), result.errors(), result.counts());
            }
        }
        Report.table(System.out, workload.name(), environment, results);
        if (options.containsKey("out")) {
            Path out = Path.of(options.get("out"));
            Report.json(out, workload.name(), environment, results);
            System.out.println("results: " + out);
        }
    }

    private static String machine() {
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            memKb = -1;
        }
        return String.format(Locale.ROOT, "%d cores, %.0f GiB, %s %s, JDK %s", Runtime.getRuntime().availableProcessors(),
                memKb / 1048576.0, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.runtime.version"));
    }

    private static String require(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            die("missing --" + key);
        }
        return value;
    }

    private static void die(String message) {
        System.err.println("parley-loadgen: " + message);
        System.exit(64);
    }
}
