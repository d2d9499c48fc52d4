package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak (issue 9): a bounded mixed load for a set time, watching the server's memory and GC.
 * U users ({@code --users}, default 100) each hold a /sync long-poll loop; R rooms
 * ({@code --rooms}, default 20), each user starting in 3; actions go out at a fixed rate
 * ({@code --rate}, default 50/s) for {@code --duration-seconds} (default 300), each by a random
 * user: 85% a message into one of its rooms, 5% typing, 5% joining a room it is not in, 5% leaving
 * one (it keeps at least one). Server RSS and CPU are sampled every 5 s; GC pauses are read from
 * the server's GC log ({@code --gc-log}, which {@code bench/run.sh} turns on with
 * {@code -Xlog:gc:file=...}), only the lines written during the measured phase.
 *
 * <p>Rows: {@code soak} (latency of the actions' requests; operations = actions; B/op = disk
 * bytes per action) and {@code soak/gc} (the GC pauses as its latencies). Disk per 1,000,000
 * events, split into events, state and indexes, and the restart time with the grown database are
 * measured by {@code bench/run.sh} after the server stops ({@link SoakFinish}).
 */
final class Soak implements Workload {
    /** {@code [12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 30M->6M(60M) 3.456ms} */
    private static final Pattern PAUSE = Pattern.compile("\\[([\\d.]+)s].*\\bPause\\b.*?([\\d.]+)ms\\s*$");
    private static final String SYNC_FILTER = "{\"room\":{\"state\":{\"lazy_load_members\":true},\"timeline\":{\"limit\":20}}}";
    private static final int SAMPLE_SECONDS = 5;

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String description() {
        return "bounded mixed load (chat, sync, typing, join, leave): RSS and GC pauses over time, disk per 1M events, "
                + "restart time";
    }

    @Override
    public List<String> defaultCases() {
        return List.of("mixed");
    }

    @Override
    public String caseSyntax() {
        return "mixed   (--duration-seconds 300, --users 100, --rooms 20, --rate 50 actions/s, --gc-log FILE)";
    }

    @Override
    public CaseResult run(String caseName, Context context) {
        throw new UnsupportedOperationException("soak reports two rows: runAll");
    }

    @Override
    @SuppressWarnings("try") // closes the client early on purpose: that aborts the parked long-polls
    public List<CaseResult> runAll(String caseName, Context context) throws Exception {
        if (!caseName.equals("mixed")) {
            throw new IllegalArgumentException("unknown soak case " + caseName + "; expected " + caseSyntax());
        }
        // The duration bounds this phase; --max-seconds (default 180 for the others) only when given.
        int duration = context.intOption("duration-seconds", 300);
        if (context.options.containsKey("max-seconds")) {
            duration = Math.min(duration, context.maxSeconds);
        }
        int userCount = context.intOption("users", 100);
        int roomCount = context.intOption("rooms", 20);
        double rate = context.doubleOption("rate", 50);
        Path gcLog = context.options.containsKey("gc-log") ? Path.of(context.options.get("gc-log")) : null;

        try (Matrix matrix = context.client()) {
            List<Matrix.User> users = context.registerUsers(matrix, "soak", userCount);
            String[] roomIds = new String[roomCount];
            List<Context.Step> creates = new ArrayList<>();
            for (int r = 0; r < roomCount; r++) {
                int room = r;
                creates.add(() -> roomIds[room] = matrix.createPublicRoom(users.get(room % userCount), "soak " + room));
            }
            Context.parallelSteps(8, creates);
            List<Set<Integer>> joined = new ArrayList<>();
            List<Context.Step> joins = new ArrayList<>();
            for (int u = 0; u < userCount; u++) {
                Set<Integer> mine = new HashSet<>();
                joined.add(mine);
                for (int k = 0; k < 3; k++) {
                    int room = (u + k) % roomCount;
                    boolean creator = room == u % roomCount && u < roomCount;
                    if (mine.add(room) && !creator) {
                        Matrix.User user = users.get(u);
                        joins.add(() -> matrix.join(user, roomIds[room]));
                    }
                }
            }
            Context.parallelSteps(16, joins);
            Context.log("soak: %d users in %d rooms; %d s at %.0f actions/s", userCount, roomCount, duration, rate);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong syncResponses = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            ExecutorService syncPool = Executors.newVirtualThreadPerTaskExecutor();
            for (Matrix.User user : users) {
                syncPool.submit(() -> {
                    syncLoop(matrix, user, stop, syncResponses, errors);
                    return null;
                });
            }
            context.probe.awaitQuiet(20);

            long gcOffset = gcLog != null && Files.exists(gcLog) ? Files.size(gcLog) : 0;
            Latencies latencies = new Latencies();
            Map<String, AtomicLong> actions = new LinkedHashMap<>();
            Map<String, Latencies> byKind = new LinkedHashMap<>();
            for (String kind : List.of("message", "typing", "join", "leave")) {
                actions.put(kind, new AtomicLong());
                byKind.put(kind, new Latencies());
            }
            List<String> timeline = new ArrayList<>();
            ServerProbe.Window window = context.probe.open();
            ServerProbe.Snapshot begin = context.probe.snapshot();
            long start = System.nanoTime();
            long nextSample = start + SAMPLE_SECONDS * 1_000_000_000L;
            SplittableRandom random = new SplittableRandom(42);
            long count = 0;
            try (ExecutorService actionPool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (long k = 0; ; k++) {
                    long due = start + (long) (k * 1e9 / rate);
                    if (due - start >= duration * 1_000_000_000L) {
                        break;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    if (System.nanoTime() >= nextSample) {
                        timeline.add(sample(context, begin, start, actions));
                        nextSample += SAMPLE_SECONDS * 1_000_000_000L;
                    }
                    int u = random.nextInt(userCount);
                    double dice = random.nextDouble();
                    int pick = random.nextInt(roomCount);
                    String txn = context.runId + "-soak-" + k;
                    count++;
                    actionPool.submit(() -> {
                        act(matrix, users.get(u), joined.get(u), roomIds, dice, pick, txn, latencies, byKind, actions,
                                errors);
                        return null;
                    });
                }
            }
            timeline.add(sample(context, begin, start, actions));
            ServerProbe.Usage usage = window.finish();
            stop.set(true);
            matrix.close();
            syncPool.shutdownNow();

            long events = actions.get("message").get() + actions.get("join").get() + actions.get("leave").get();
            Map<String, Long> counts = new LinkedHashMap<>();
            actions.forEach((kind, n) -> counts.put(kind + "s", n.get()));
            counts.put("events", events);
            counts.put("sync_responses", syncResponses.get());
            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "%d users, %d rooms, %.0f actions/s for %d s; %d actions sent",
                    userCount, roomCount, rate, duration, count));
            if (events > 0) {
                notes.add(String.format(Locale.ROOT, "server wrote %.1f GB per 1,000,000 events (write_bytes); "
                        + "database grew %.2f GB per 1,000,000 events", usage.writeBytes() / (double) events * 1e6 / 1e9,
                        usage.databaseGrowthBytes() / (double) events * 1e6 / 1e9));
            }
            byKind.forEach((kind, l) -> notes.add(String.format(Locale.ROOT, "%s: p50 / p99 / max %.1f / %.1f / %.1f ms",
                    kind, l.summary().p50(), l.summary().p99(), l.summary().max())));
            notes.addAll(timeline);
            List<CaseResult> rows = new ArrayList<>();
            rows.add(new CaseResult(name(), "soak", CaseResult.params("users", userCount, "rooms", roomCount,
                    "rate_actions_per_s", rate, "duration_s", duration), "actions", count - errors.get(), errors.get(),
                    latencies.summary(), usage, counts, false, notes));
            rows.add(gcRow(gcLog, gcOffset, usage));
            return rows;
        }
    }

    private static void syncLoop(Matrix matrix, Matrix.User user, AtomicBoolean stop, AtomicLong responses,
                                 AtomicLong errors) throws InterruptedException {
        String since = null;
        while (!stop.get()) {
            try {
                JsonNode sync = matrix.sync(user, since, SYNC_FILTER, since == null ? 0 : 30_000);
                since = sync.path("next_batch").asText();
                responses.incrementAndGet();
            } catch (IOException e) {
                if (!stop.get()) {
                    if (errors.incrementAndGet() <= 5) {
                        Context.log("soak sync failed: %s", e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** One action of one user; a user's actions run one at a time so its rooms are known. */
    private static void act(Matrix matrix, Matrix.User user, Set<Integer> joined, String[] roomIds, double dice,
                            int pick, String txn, Latencies latencies, Map<String, Latencies> byKind,
                            Map<String, AtomicLong> actions, AtomicLong errors) {
        synchronized (joined) {
            List<Integer> mine = new ArrayList<>(joined);
            int inRoom = mine.get(pick % mine.size());
            long start = System.nanoTime();
            String kind;
            try {
                if (dice < 0.85) {
                    kind = "message";
                    ObjectNode content = Matrix.JSON.createObjectNode().put("msgtype", "m.text").put("body", "soak " + txn);
                    matrix.send(user, roomIds[inRoom], "m.room.message", txn, content);
                } else if (dice < 0.90) {
                    kind = "typing";
                    matrix.typing(user, roomIds[inRoom], true, 10_000);
                } else if (dice < 0.95 || mine.size() == 1) {
                    if (joined.contains(pick)) {
                        return; // already in the room it picked: nothing to do this time
                    }
                    kind = "join";
                    matrix.join(user, roomIds[pick]);
                    joined.add(pick);
                } else {
                    kind = "leave";
                    matrix.leave(user, roomIds[inRoom]);
                    joined.remove(inRoom);
                }
            } catch (IOException | InterruptedException e) {
                if (errors.incrementAndGet() <= 5) {
                    Context.log("soak action failed: %s", e);
                }
                return;
            }
            long micros = (System.nanoTime() - start) / 1000;
            latencies.add(micros);
            byKind.get(kind).add(micros);
            actions.get(kind).incrementAndGet();
        }
    }

    private static String sample(Context context, ServerProbe.Snapshot begin, long start, Map<String, AtomicLong> actions) {
        ServerProbe.Snapshot now = context.probe.snapshot();
        long done = actions.values().stream().mapToLong(AtomicLong::get).sum();
        return String.format(Locale.ROOT, "t=%3.0fs RSS %4.0f MiB, server CPU %.1f s, %d actions, database %.1f MiB",
                (System.nanoTime() - start) / 1e9, now.rssBytes() / 1048576.0,
                now.serverCpuSeconds() - begin.serverCpuSeconds(), done, now.databaseBytes() / 1048576.0);
    }

    /** The GC pauses logged during the phase, as latencies. */
    private CaseResult gcRow(Path gcLog, long offset, ServerProbe.Usage usage) throws IOException {
        Latencies pauses = new Latencies();
        List<String> notes = new ArrayList<>();
        double total = 0;
        if (gcLog == null || !Files.exists(gcLog)) {
            notes.add("no GC log (pass --gc-log; bench/run.sh starts the server with -Xlog:gc:file=... for soak)");
        } else {
            byte[] all = Files.readAllBytes(gcLog);
            String phase = new String(all, (int) Math.min(offset, all.length), (int) (all.length - Math.min(offset, all.length)));
            for (String line : phase.split("\n")) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    double ms = Double.parseDouble(m.group(2));
                    total += ms;
                    pauses.add(Math.round(ms * 1000));
                }
            }
            notes.add(String.format(Locale.ROOT, "%d pauses, %.0f ms in all (%.2f%% of the phase), from %s",
                    pauses.summary().count(), total, total / 10 / usage.seconds(), gcLog.getFileName()));
        }
        return new CaseResult(name(), "soak/gc", CaseResult.params("gc_log", String.valueOf(gcLog)), "gc pauses",
                pauses.summary().count(), 0, pauses.summary(), usage, Map.of("pause_ms_total", Math.round(total)), false,
                notes);
    }
}
