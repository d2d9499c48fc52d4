package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Big account (issue 9): one account in N rooms with 20 messages each, then what its client
 * waits for: the initial {@code /sync} with a lazy-loading filter, the incremental {@code /sync}
 * after events arrived while it was offline, and Simplified Sliding Sync's first window of 20
 * rooms. Each request is repeated (default 3, {@code --repeats}) and every repeat is reported;
 * on loopback the request latency is the server time (plus the client's reading of the body).
 *
 * <p>Case {@code rN}: N rooms (r100, r1000; r5000 when named). Each room is created by the
 * account and joined by two of ten helper users, who send its 20 messages; set-up runs 32
 * requests at once (server durability unchanged) and is reported as the {@code populate} row.
 * The offline events are min(10,000, 20 × N) messages ({@code --offline-events}), sent by the
 * helpers round-robin over the rooms after the account's last initial sync.
 *
 * <p>Before the first measured request the server's JIT is warmed on another account's rooms
 * (default 100, {@code --warm-up-rooms}, 0 for none): that account's rooms are populated the
 * same way before the measured account's, and it runs three unmeasured initial syncs after. The
 * measured account's data is then as cold as populating left it, but the code that serves it is
 * compiled, as on a server that has been up for a while.
 */
final class BigAccount implements Workload {
    private static final Pattern CASE = Pattern.compile("r(\\d+)");
    static final String LAZY_FILTER = "{\"room\":{\"state\":{\"lazy_load_members\":true},\"timeline\":{\"limit\":20}}}";
    private static final String SLIDING_BODY = "{\"lists\":{\"all\":{\"ranges\":[[0,19]],\"timeline_limit\":1,"
            + "\"required_state\":[[\"m.room.name\",\"\"],[\"m.room.avatar\",\"\"],[\"m.room.member\",\"$LAZY\"]]}}}";
    private static final int MESSAGES_PER_ROOM = 20;
    private static final int HELPERS = 10;
    private static final int WIDTH = 32;

    @Override
    public String name() {
        return "big-account";
    }

    @Override
    public String description() {
        return "initial /sync (lazy-loading filter), incremental /sync after offline events and sliding sync's first "
                + "window, for an account in N rooms";
    }

    @Override
    public List<String> defaultCases() {
        return List.of("r100", "r1000");
    }

    @Override
    public String caseSyntax() {
        return "rN: an account in N rooms of 20 messages, e.g. r100 r1000 r5000 (5,000 only when named)"
                + "   (--repeats N, --offline-events N, --warm-up-rooms N)";
    }

    @Override
    public CaseResult run(String caseName, Context context) {
        throw new UnsupportedOperationException("big-account reports several rows per case: runAll");
    }

    @Override
    public List<CaseResult> runAll(String caseName, Context context) throws Exception {
        Matcher m = CASE.matcher(caseName);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown big-account case " + caseName + "; expected " + caseSyntax());
        }
        int rooms = Integer.parseInt(m.group(1));
        int repeats = context.intOption("repeats", 3);
        int offline = context.intOption("offline-events", Math.min(10_000, MESSAGES_PER_ROOM * rooms));
        int warmUpRooms = context.intOption("warm-up-rooms", 100);
        List<CaseResult> results = new ArrayList<>();
        try (Matrix matrix = context.client()) {
            Matrix.User account = context.registerUsers(matrix, "big-" + caseName, 1).getFirst();
            List<Matrix.User> helpers = context.registerUsers(matrix, "big-" + caseName + "-h", HELPERS);
            Matrix.User warmUpAccount = null;
            if (warmUpRooms > 0) {
                warmUpAccount = context.registerUsers(matrix, "big-" + caseName + "-w", 1).getFirst();
                populate(context, matrix, caseName + "/warm-up", warmUpAccount, helpers, new String[warmUpRooms]);
            }
            String[] roomIds = new String[rooms];
            results.add(populate(context, matrix, caseName, account, helpers, roomIds));
            if (warmUpAccount != null) {
                for (int i = 0; i < 3; i++) {
                    matrix.sync(warmUpAccount, null, LAZY_FILTER, 0);
                }
                Context.log("%s: JIT warmed by 3 initial syncs of an account in %d other rooms", caseName, warmUpRooms);
            }

            Series initial = Series.of(context, repeats, () -> matrix.sync(account, null, LAZY_FILTER, 0));
            String since = initial.first().path("next_batch").asText();
            results.add(initial.result(caseName + "/initial", syncCounts(initial.first()),
                    syncNotes("GET /sync, no since, filter " + LAZY_FILTER, initial.first(), account)));

            sendOffline(context, matrix, helpers, roomIds, offline);
            Series incremental = Series.of(context, repeats, () -> matrix.sync(account, since, LAZY_FILTER, 0));
            List<String> notes = syncNotes("GET /sync?since=<token before " + offline + " events>, same filter",
                    incremental.first(), account);
            if (offline < 10_000) {
                notes.add("scaled down from the issue's 10,000 offline events to " + offline + " (20 per room)");
            }
            results.add(incremental.result(caseName + "/incremental", syncCounts(incremental.first()), notes));

            results.add(slidingSync(context, matrix, caseName, account, rooms, repeats));
        }
        return results;
    }

    /** The account creates every room, two helpers join it, and the helpers send its messages. */
    private CaseResult populate(Context context, Matrix matrix, String caseName, Matrix.User account,
                                List<Matrix.User> helpers, String[] roomIds) throws Exception {
        ServerProbe.Window window = context.probe.open();
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        List<Context.Step> creates = new ArrayList<>();
        for (int r = 0; r < roomIds.length; r++) {
            int room = r;
            creates.add(() -> roomIds[room] = timed(latencies, () -> matrix.createPublicRoom(account, "big " + room)));
        }
        Context.parallelSteps(8, creates); // one creator: its rooms serialise on the account anyway
        Context.log("%s: %d rooms created in %.1f s", caseName, roomIds.length, (System.nanoTime() - start) / 1e9);
        List<Context.Step> joins = new ArrayList<>();
        for (int r = 0; r < roomIds.length; r++) {
            String roomId = roomIds[r];
            for (Matrix.User helper : roomHelpers(helpers, r)) {
                joins.add(() -> timed(latencies, () -> {
                    matrix.join(helper, roomId);
                    return null;
                }));
            }
        }
        Context.parallelSteps(WIDTH, joins);
        List<Context.Step> sends = new ArrayList<>();
        for (int k = 0; k < MESSAGES_PER_ROOM; k++) {
            for (int r = 0; r < roomIds.length; r++) {
                String roomId = roomIds[r];
                Matrix.User helper = roomHelpers(helpers, r).get(k % 2);
                String txn = context.runId + "-pop-" + r + "-" + k;
                int seq = k;
                sends.add(() -> timed(latencies, () -> matrix.send(helper, roomId, "m.room.message", txn,
                        text("message " + seq))));
            }
        }
        Context.parallelSteps(WIDTH, sends);
        ServerProbe.Usage usage = window.finish();
        long requests = creates.size() + joins.size() + sends.size();
        Context.log("%s: populated with %d requests in %.1f s", caseName, requests, usage.seconds());
        return new CaseResult(name(), caseName + "/populate",
                CaseResult.params("rooms", roomIds.length, "messages_per_room", MESSAGES_PER_ROOM, "helpers", HELPERS,
                        "concurrent_requests", WIDTH),
                "requests", requests, 0, latencies.summary(), usage,
                Map.of("rooms", (long) roomIds.length, "joins", (long) joins.size(), "messages", (long) sends.size()),
                false, List.of("createRoom ×" + creates.size() + " (8 at once), then joins and sends " + WIDTH
                        + " at once; latency over all of them"));
    }

    private static List<Matrix.User> roomHelpers(List<Matrix.User> helpers, int room) {
        return List.of(helpers.get(room % HELPERS), helpers.get((room + 1) % HELPERS));
    }

    private void sendOffline(Context context, Matrix matrix, List<Matrix.User> helpers, String[] roomIds, int count)
            throws Exception {
        long start = System.nanoTime();
        List<Context.Step> sends = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int room = k % roomIds.length;
            Matrix.User helper = roomHelpers(helpers, room).get((k / roomIds.length) % 2);
            String txn = context.runId + "-off-" + k;
            int seq = k;
            sends.add(() -> matrix.send(helper, roomIds[room], "m.room.message", txn, text("offline " + seq)));
        }
        Context.parallelSteps(WIDTH, sends);
        Context.log("%d offline events sent in %.1f s", count, (System.nanoTime() - start) / 1e9);
        context.probe.awaitQuiet(10);
    }

    private CaseResult slidingSync(Context context, Matrix matrix, String caseName, Matrix.User account, int rooms,
                                   int repeats) throws Exception {
        JsonNode body = Matrix.JSON.readTree(SLIDING_BODY);
        Series sliding;
        try {
            sliding = Series.of(context, repeats, () -> matrix.slidingSync(account, body));
        } catch (Matrix.MatrixError e) {
            String why = "sliding sync is not available on this server: " + e.getMessage();
            Context.log("%s", why);
            return new CaseResult(name(), caseName + "/sliding", CaseResult.params("body", SLIDING_BODY), "requests", 0, 1,
                    Latencies.Summary.EMPTY, ServerProbe.Usage.NONE, Map.of(), false, List.of(why));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("list_count", sliding.first().path("lists").path("all").path("count").asLong(-1));
        counts.put("rooms", (long) sliding.first().path("rooms").size());
        List<String> notes = new ArrayList<>();
        notes.add("POST /_matrix/client/unstable/org.matrix.simplified_msc3575/sync (no pos) " + SLIDING_BODY);
        if (counts.get("rooms") != Math.min(20, rooms) || counts.get("list_count") != rooms) {
            notes.add("UNEXPECTED: wanted 20 rooms and a list count of " + rooms);
        }
        return sliding.result(caseName + "/sliding", counts, notes);
    }

    /**
     * What the request was, and whether lazy loading showed: with it, a room's state holds only the
     * members who sent something in its timeline, plus the syncing account's own membership, which
     * servers (Parley, Synapse) always include so a client knows its own state in the room.
     */
    private static List<String> syncNotes(String request, JsonNode sync, Matrix.User account) {
        long beyond = 0;
        for (JsonNode room : sync.path("rooms").path("join")) {
            List<String> senders = new ArrayList<>();
            senders.add(account.userId());
            room.path("timeline").path("events").forEach(e -> senders.add(e.path("sender").asText()));
            for (JsonNode state : room.path("state").path("events")) {
                if ("m.room.member".equals(state.path("type").asText())
                        && !senders.contains(state.path("state_key").asText())) {
                    beyond++;
                }
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add(request);
        if (beyond > 0) {
            notes.add("lazy loading not applied: " + beyond + " m.room.member events in state for users who sent "
                    + "nothing in the timeline");
        }
        return notes;
    }

    private static Map<String, Long> syncCounts(JsonNode sync) {
        long events = 0;
        long state = 0;
        long limited = 0;
        JsonNode join = sync.path("rooms").path("join");
        for (JsonNode room : join) {
            events += room.path("timeline").path("events").size();
            state += room.path("state").path("events").size();
            limited += room.path("timeline").path("limited").asBoolean() ? 1 : 0;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rooms", (long) join.size());
        counts.put("timeline_events", events);
        counts.put("state_events", state);
        counts.put("limited_rooms", limited);
        return counts;
    }

    private static ObjectNode text(String body) {
        return Matrix.JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
    }

    private interface Request<T> {
        T call() throws IOException, InterruptedException;
    }

    private static <T> T timed(Latencies latencies, Request<T> request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        T out = request.call();
        latencies.add((System.nanoTime() - start) / 1000);
        return out;
    }

    /** A request repeated back to back in one measured window: each latency, the first response. */
    private record Series(List<Double> millis, ServerProbe.Usage usage, JsonNode first, long bytes) {
        static Series of(Context context, int repeats, Request<JsonNode> request) throws IOException, InterruptedException {
            context.probe.awaitQuiet(10);
            List<Double> millis = new ArrayList<>();
            JsonNode first = null;
            try (ServerProbe.Window window = context.probe.open()) {
                for (int i = 0; i < repeats; i++) {
                    long start = System.nanoTime();
                    JsonNode body = request.call();
                    millis.add((System.nanoTime() - start) / 1e6);
                    first = first == null ? body : first;
                }
                return new Series(millis, window.finish(), first, Matrix.JSON.writeValueAsBytes(first).length);
            }
        }

        CaseResult result(String name, Map<String, Long> counts, List<String> notes) {
            Latencies latencies = new Latencies();
            millis.forEach(ms -> latencies.add(Math.round(ms * 1000)));
            Map<String, Long> allCounts = new LinkedHashMap<>(counts);
            allCounts.putIfAbsent("response_bytes", bytes);
            List<String> allNotes = new ArrayList<>(notes);
            allNotes.add("each repeat: " + String.join(", ", millis.stream()
                    .map(ms -> String.format(Locale.ROOT, "%.0f ms", ms)).toList())
                    + String.format(Locale.ROOT, "; server CPU %.3f s per request, response %d KiB",
                    usage.serverCpuSeconds() / millis.size(), bytes / 1024));
            return new CaseResult("big-account", name, CaseResult.params("repeats", millis.size()), "requests",
                    millis.size(), 0, latencies.summary(), usage, allCounts, false, allNotes);
        }
    }
}
