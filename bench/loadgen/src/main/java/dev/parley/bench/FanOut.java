package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fan-out latency (issue 9, workload 2): S users each hold an open {@code /sync?timeout=30000}
 * long-poll, in rooms of M members; messages go out at a fixed rate, each stamped with its send
 * time, and every delivery through /sync is timed against its stamp. Missed and duplicated
 * deliveries are counted (expected 0). What is sent is the {@link FanOutChannel}'s: room messages
 * (workload {@code fanout}), to-device messages ({@code fanout-to-device}: one request addresses
 * every syncing member of a group, no rooms are created) or typing ({@code fanout-typing}).
 *
 * <p>Case {@code sS-mM}: {@code max(1, ceil(S/M))} rooms of M members each. Member 0 of each room
 * is its only sender; the syncing users are the room's other members first, and the sender too
 * once every member syncs (S ≥ M), so a sender's own echo counts as a delivery as it would for a
 * real client. Message k goes to room {@code k mod rooms}. Case {@code sS} is {@code sS-m(S+1)}:
 * one room whose sender does not sync.
 *
 * <p>Defaults keep the work bounded: rate = min(50, max(1, 1000 / syncers per room)) messages/s
 * (so at most about 1,000 deliveries/s), messages = rate × 10 s, between 20 and 500; then up to
 * 10 s of draining. Options {@code --rate}, {@code --messages}, {@code --drain-seconds},
 * {@code --warm-up-messages}.
 *
 * <p>Set-up (registration, rooms, joins, and each syncing user's initial sync, lazily loading
 * members with a timeline of one event, as a client starts before it long-polls; with rooms not
 * used, one whose filter matches no room) is outside the measured window; the window opens once every long-poll is in flight. The
 * first case of a run is preceded by an unmeasured warm-up (s20-m5, 3,000 messages at 150/s, some
 * 15,000 deliveries; it was 150 messages, after which a repeated s1-m2 kept getting cheaper), and
 * every case by an unmeasured round of its own (the same rooms and long-polls; as many messages
 * as the case, or enough for 10,000 deliveries if that is more, then sent proportionally faster;
 * option {@code --warm-up-messages}, 0 for none), after which the window opens once the server's
 * CPU is quiet again.
 * Server CPU per 1,000 deliveries includes the sends that caused them.
 */
final class FanOut implements Workload {
    /** The run's shared warm-up, which is unmeasured as a whole and needs no round of its own. */
    private static final String WARM_UP_CASE = "warmup";
    /** Deliveries of a case's own unmeasured round, at the least. */
    private static final int WARM_UP_DELIVERIES = 10_000;
    private static final Pattern CASE = Pattern.compile("s(\\d+)(?:-m(\\d+))?");
    private static final long LONG_POLL_MS = 30_000;
    private static final String INITIAL_SYNC_FILTER =
            "{\"room\":{\"state\":{\"lazy_load_members\":true},\"timeline\":{\"limit\":1}}}";
    /** Send times in stamps are microseconds from this instant of the load generator's clock. */
    private static final long CLOCK_ZERO = System.nanoTime();

    private final String name;
    private final FanOutChannel channel;
    private final List<String> defaultCases;
    private boolean warmedUp;

    FanOut(String name, FanOutChannel channel, List<String> defaultCases) {
        this.name = name;
        this.channel = channel;
        this.defaultCases = defaultCases;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "latency from send to delivery through open /sync long-polls (" + channel.name() + ")";
    }

    @Override
    public List<String> defaultCases() {
        return defaultCases;
    }

    @Override
    public String caseSyntax() {
        return "sS-mM: S syncing users in rooms of M members, e.g. s1-m2 s100-m50 s1000-m2 s1000-m1000; sS = one room"
                + " of S+1 (the sender does not sync)"
                + "   (--rate msg/s, --messages N, --drain-seconds N, --warm-up-messages N)";
    }

    /** One syncing user and the room it watches. */
    private record Syncer(Matrix.User user, int room) {
    }

    @Override
    public CaseResult run(String caseName, Context context) throws Exception {
        Matcher m = CASE.matcher(caseName);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown fanout case " + caseName + "; expected " + caseSyntax());
        }
        int syncing = Integer.parseInt(m.group(1));
        int members = m.group(2) == null ? syncing + 1 : Integer.parseInt(m.group(2));
        if (syncing < 1 || members < 2) {
            throw new IllegalArgumentException("fanout needs at least 1 syncing user and rooms of at least 2 members");
        }
        if (!warmedUp) {
            Context.log("warm-up: s20-m5, 3000 messages at 150/s (not measured)");
            runCase(WARM_UP_CASE, 20, 5, 150, 3000, 5, context);
            warmedUp = true;
        }
        int syncersPerRoom = Math.min(syncing, members);
        double rate = context.doubleOption("rate", Math.min(50, Math.max(1, 1000.0 / syncersPerRoom)));
        int messages = context.intOption("messages", (int) Math.max(20, Math.min(500, Math.round(rate * 10))));
        return runCase(caseName, syncing, members, rate, messages, context.intOption("drain-seconds", 10), context);
    }

    private CaseResult runCase(String caseName, int syncing, int members, double rate, int messages, int drainSeconds,
                               Context context) throws Exception {
        int rooms = Math.max(1, (syncing + members - 1) / members);
        try (Matrix matrix = Matrix.withRawPuts(context.base)) {
            Context.log("%s: registering %d users, %d rooms of %d members", caseName, rooms * members, rooms, members);
            long setupStart = System.nanoTime();
            List<Matrix.User> users = context.registerUsers(matrix, "fo-" + caseName, rooms * members);
            Context.log("%s: registered in %.1f s", caseName, (System.nanoTime() - setupStart) / 1e9);
            String[] roomIds = new String[rooms];
            if (channel.usesRooms()) {
                createRooms(matrix, caseName, users, roomIds, members);
            }

            // Syncing members: non-senders first, the sender (member 0) last.
            List<Syncer> syncers = new ArrayList<>();
            for (int r = 0; r < rooms && syncers.size() < syncing; r++) {
                for (int i = 1; i <= members && syncers.size() < syncing; i++) {
                    syncers.add(new Syncer(users.get(r * members + (i % members)), r));
                }
            }
            List<List<Matrix.User>> recipients = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                recipients.add(new ArrayList<>());
            }
            syncers.forEach(syncer -> recipients.get(syncer.room()).add(syncer.user()));
            String[] tokens = new String[syncers.size()];
            List<Context.Step> firstSyncs = new ArrayList<>();
            String initialFilter = channel.usesRooms() ? INITIAL_SYNC_FILTER : "{\"room\":{\"rooms\":[]}}";
            for (int s = 0; s < syncers.size(); s++) {
                int index = s;
                firstSyncs.add(() -> tokens[index] = matrix.sync(syncers.get(index).user(), null, initialFilter, 0)
                        .path("next_batch").asText());
            }
            Context.parallelSteps(16, firstSyncs);

            Matrix.User[] senders = new Matrix.User[rooms];
            for (int r = 0; r < rooms; r++) {
                senders[r] = users.get(r * members); // the room's creator
            }
            Phase phase = measure(context, matrix, caseName, syncers, tokens, roomIds, senders, recipients, rate,
                    messages, drainSeconds);
            List<String> notes = new ArrayList<>();
            if (phase.truncated) {
                notes.add("stopped at --max-seconds " + context.maxSeconds);
            }
            if (phase.limited > 0) {
                notes.add(phase.limited + " sync responses had a limited timeline (events beyond it count as missed)");
            }
            Latencies.Summary send = phase.sendLatencies.summary();
            return new CaseResult(name(), caseName,
                    CaseResult.params("channel", channel.name(), "syncing_users", syncers.size(), "room_members", members,
                            "rooms", rooms, "rate_msgs_per_s", rate, "messages", messages, "messages_sent", phase.sent,
                            "expected_deliveries", phase.expected, "long_poll_timeout_ms", LONG_POLL_MS,
                            "send_p50_ms", send.p50(), "send_p99_ms", send.p99()),
                    "deliveries", phase.delivered, phase.errors, phase.latencies.summary(), phase.usage,
                    Map.of("missed", phase.expected - phase.delivered, "duplicates", phase.duplicates,
                            "sync_responses", phase.responses),
                    phase.truncated, notes);
        }
    }

    /** Member 0 of each room creates it (public), the others join. */
    private static void createRooms(Matrix matrix, String caseName, List<Matrix.User> users, String[] roomIds, int members)
            throws Exception {
        List<Context.Step> creates = new ArrayList<>();
        for (int r = 0; r < roomIds.length; r++) {
            int room = r;
            creates.add(() -> roomIds[room] = matrix.createPublicRoom(users.get(room * members), "fan-out " + room));
        }
        Context.parallelSteps(8, creates);
        List<Context.Step> joins = new ArrayList<>();
        for (int r = 0; r < roomIds.length; r++) {
            for (int i = 1; i < members; i++) {
                Matrix.User user = users.get(r * members + i);
                String roomId = roomIds[r];
                joins.add(() -> matrix.join(user, roomId));
            }
        }
        long joinStart = System.nanoTime();
        Context.parallelSteps(8, joins);
        Context.log("%s: %d joins in %.1f s", caseName, joins.size(), (System.nanoTime() - joinStart) / 1e9);
    }

    private record Round(AtomicLong sent, AtomicLong expected, boolean truncated) {
    }

    /**
     * Sends {@code messages} stamped {@code run} at {@code rate}, message k into room k mod rooms;
     * returns once every send has been answered.
     */
    private Round sendRound(Context context, Matrix matrix, String run, String txnTag, int messages, double rate,
                            long deadline, String[] roomIds, Matrix.User[] senders, List<List<Matrix.User>> recipients,
                            Latencies sendLatencies, AtomicLong errors) throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        AtomicLong expected = new AtomicLong();
        boolean truncated = false;
        long start = System.nanoTime();
        try (ExecutorService sendPool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int k = 0; k < messages; k++) {
                long due = start + (long) (k * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (System.nanoTime() > deadline) {
                    truncated = true;
                    break;
                }
                int seq = k;
                int room = k % roomIds.length;
                Matrix.User sender = senders[room];
                sendPool.submit(() -> {
                    long t = (System.nanoTime() - CLOCK_ZERO) / 1000;
                    ObjectNode stamp = Matrix.JSON.createObjectNode().put("run", run).put("seq", seq).put("t_us", t);
                    try {
                        channel.send(matrix, sender, roomIds[room], recipients.get(room),
                                context.runId + "-" + txnTag + "-" + seq, stamp);
                        sendLatencies.add((System.nanoTime() - CLOCK_ZERO) / 1000 - t);
                        sent.incrementAndGet();
                        expected.addAndGet(recipients.get(room).size());
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 5) {
                            Context.log("send failed: %s", e);
                        }
                    }
                    return null;
                });
            }
        } // waits for every send
        return new Round(sent, expected, truncated);
    }

    private record Phase(long sent, long expected, long delivered, long duplicates, long responses, long limited,
                         long errors, boolean truncated, Latencies latencies, Latencies sendLatencies,
                         ServerProbe.Usage usage) {
    }

    private Phase measure(Context context, Matrix matrix, String caseName, List<Syncer> syncers, String[] tokens,
                          String[] roomIds, Matrix.User[] senders, List<List<Matrix.User>> recipients, double rate,
                          int messages, int drainSeconds) throws Exception {
        Latencies latencies = new Latencies();
        Latencies sendLatencies = new Latencies();
        AtomicLong delivered = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong responses = new AtomicLong();
        AtomicLong limited = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong warmDelivered = new AtomicLong();
        AtomicInteger polling = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        String run = context.runId + "/" + caseName;
        String warmRun = run + "/warm-up";
        long deadline = System.nanoTime() + context.maxSeconds * 1_000_000_000L;

        // Each member long-polls over a connection of its own, read by its own thread (RawHttpConnection).
        Queue<RawHttpConnection> connections = new ConcurrentLinkedQueue<>();
        ExecutorService syncPool = Executors.newVirtualThreadPerTaskExecutor();
        for (int s = 0; s < syncers.size(); s++) {
            Syncer syncer = syncers.get(s);
            String first = tokens[s];
            syncPool.submit(() -> {
                BitSet seen = new BitSet(messages);
                String since = first;
                boolean counted = false;
                RawHttpConnection connection = null;
                while (!stop.get()) {
                    if (!counted) {
                        polling.incrementAndGet();
                        counted = true;
                    }
                    JsonNode response;
                    try {
                        if (connection == null) {
                            connection = new RawHttpConnection(context.base);
                            connections.add(connection);
                        }
                        response = Matrix.JSON.readTree(connection.get(
                                Matrix.syncPath(since, channel.liveFilter(), LONG_POLL_MS), syncer.user().token()));
                    } catch (Exception e) {
                        if (!(e instanceof Matrix.MatrixError) && connection != null) {
                            connection.close();
                            connection = null; // the next poll opens a new one
                        }
                        if (!stop.get() && errors.incrementAndGet() <= 5) {
                            Context.log("sync failed: %s", e);
                        }
                        if (!stop.get()) {
                            Thread.sleep(200);
                        }
                        continue;
                    }
                    long now = (System.nanoTime() - CLOCK_ZERO) / 1000;
                    responses.incrementAndGet();
                    for (JsonNode room : response.path("rooms").path("join")) {
                        if (room.path("timeline").path("limited").asBoolean(false)) {
                            limited.incrementAndGet();
                        }
                    }
                    channel.collect(response, stamp -> {
                        String tag = stamp.path("run").asText();
                        if (warmRun.equals(tag)) {
                            warmDelivered.incrementAndGet();
                        }
                        if (!run.equals(tag)) {
                            return;
                        }
                        int seq = stamp.path("seq").asInt();
                        if (seen.get(seq)) {
                            duplicates.incrementAndGet();
                        } else {
                            seen.set(seq);
                            delivered.incrementAndGet();
                            latencies.add(now - stamp.path("t_us").asLong());
                        }
                    });
                    since = response.path("next_batch").asText();
                }
                return null;
            });
        }
        while (polling.get() < syncers.size()) {
            Thread.sleep(20);
        }
        // Let the first long-polls reach the server and park (each builds an empty response twice first).
        if (!context.probe.awaitQuiet(20)) {
            Context.log("%s: the server did not go quiet within 20 s after opening the long-polls", caseName);
        }
        Context.log("%s: %d long-polls open; sending %d messages at %.1f/s into %d rooms", caseName, syncers.size(),
                messages, rate, roomIds.length);

        // The same shape unmeasured first: the shared warm-up runs other paths, and without this
        // round the JIT's C2 thread spent 4.0 of the 6.4 s of server CPU of s1000-m2's measured
        // window compiling this case's (1.6 of 3.8 s with it). A method run once per delivery needs
        // thousands of runs to reach C2, so the round is at least WARM_UP_DELIVERIES, sent faster
        // when that takes more messages than the measured round.
        int perMessage = Math.max(1, recipients.getFirst().size());
        int warmMessages = caseName.equals(WARM_UP_CASE) ? 0 : context.intOption("warm-up-messages",
                Math.max(messages, (WARM_UP_DELIVERIES + perMessage - 1) / perMessage));
        double warmRate = rate * Math.max(1.0, warmMessages / (double) messages);
        if (warmMessages > 0) {
            Context.log("%s: %d unmeasured messages first at %.1f/s, same rooms", caseName, warmMessages, warmRate);
            Round warm = sendRound(context, matrix, warmRun, caseName + "-warm-up", warmMessages, warmRate, deadline,
                    roomIds, senders, recipients, new Latencies(), new AtomicLong());
            long warmUntil = Math.min(deadline, System.nanoTime() + drainSeconds * 1_000_000_000L);
            while (warmDelivered.get() < warm.expected().get() && System.nanoTime() < warmUntil) {
                Thread.sleep(10);
            }
            if (!context.probe.awaitQuiet(30)) {
                Context.log("%s: the server did not go quiet within 30 s after the unmeasured messages", caseName);
            }
        }

        // What the unmeasured round caused is not the phase's.
        responses.set(0);
        limited.set(0);
        Context.log("%s: measuring", caseName);
        ServerProbe.Window window = context.probe.open();
        Round round = sendRound(context, matrix, run, caseName, messages, rate, deadline, roomIds, senders, recipients,
                sendLatencies, errors);
        boolean truncated = round.truncated();
        AtomicLong sent = round.sent();
        AtomicLong expected = round.expected();
        long drainUntil = Math.min(deadline, System.nanoTime() + drainSeconds * 1_000_000_000L);
        while (delivered.get() < expected.get() && System.nanoTime() < drainUntil) {
            Thread.sleep(10);
        }
        ServerProbe.Usage usage = window.finish();
        stop.set(true);
        for (RawHttpConnection connection : connections) {
            connection.close(); // aborts the parked long-polls
        }
        syncPool.shutdownNow();
        return new Phase(sent.get(), expected.get(), delivered.get(), duplicates.get(), responses.get(), limited.get(),
                errors.get(), truncated, latencies, sendLatencies, usage);
    }

}
