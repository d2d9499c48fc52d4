package dev.parley.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Send storm (issue 9, workload 1): {@code PUT /rooms/{roomId}/send/m.room.message/{txnId}} as
 * fast as the server answers. Cases:
 * <ul>
 *   <li>{@code seq-N}: one sender, one room, N sends one after another (issue: 500 and 5,000);</li>
 *   <li>{@code conc-C}: C senders (distinct users) in one room, all sending at once;</li>
 *   <li>{@code rooms-RxC}: R rooms with C senders each, all R×C sending at once.</li>
 * </ul>
 * Latency is the request's round trip (a 200 means the event is durable); throughput is accepted
 * events per second of the measured phase. Each case registers its own users and rooms first,
 * outside the measurement; the first case of a run is preceded by an unmeasured warm-up.
 */
final class SendStorm implements Workload {
    private static final Pattern SEQ = Pattern.compile("seq-(\\d+)");
    private static final Pattern CONC = Pattern.compile("conc-(\\d+)");
    private static final Pattern ROOMS = Pattern.compile("rooms-(\\d+)x(\\d+)");
    /** Concurrent cases send this many events in all unless --messages says otherwise. */
    private static final int CONCURRENT_TOTAL = 2_000;
    private static final int ROOMS_TOTAL = 5_000;
    /**
     * The warm-up sends 5,000 events: with 500 the JIT had not compiled the send path's hot
     * methods yet, and the first measured case (seq-5000) measured the interpreter as much as the server.
     */
    private static final int WARM_UP_CONCURRENT_PER_SENDER = 300;
    private static final int WARM_UP_SEQUENTIAL = 2_000;

    private boolean warmedUp;

    @Override
    public String name() {
        return "send-storm";
    }

    @Override
    public String description() {
        return "PUT /send into one or many rooms: sequential, concurrent senders, many rooms";
    }

    @Override
    public List<String> defaultCases() {
        return List.of("seq-500", "seq-5000", "conc-10", "conc-50", "rooms-100x10");
    }

    @Override
    public String caseSyntax() {
        return "seq-N | conc-C | rooms-RxC   (--messages N: total sends of a concurrent case; default "
                + CONCURRENT_TOTAL + ", rooms-* " + ROOMS_TOTAL + ")";
    }

    @Override
    public CaseResult run(String caseName, Context context) throws Exception {
        int rooms;
        int sendersPerRoom;
        int total;
        Matcher m;
        if ((m = SEQ.matcher(caseName)).matches()) {
            rooms = 1;
            sendersPerRoom = 1;
            total = Integer.parseInt(m.group(1));
        } else if ((m = CONC.matcher(caseName)).matches()) {
            rooms = 1;
            sendersPerRoom = Integer.parseInt(m.group(1));
            total = context.intOption("messages", CONCURRENT_TOTAL);
        } else if ((m = ROOMS.matcher(caseName)).matches()) {
            rooms = Integer.parseInt(m.group(1));
            sendersPerRoom = Integer.parseInt(m.group(2));
            total = context.intOption("messages", ROOMS_TOTAL);
        } else {
            throw new IllegalArgumentException("unknown send-storm case " + caseName + "; expected " + caseSyntax());
        }
        int senders = rooms * sendersPerRoom;
        int perSender = Math.max(1, total / senders);

        try (Matrix matrix = context.client()) {
            if (!warmedUp) {
                warmUp(matrix, context);
                warmedUp = true;
            }
            Context.log("%s: registering %d users, creating %d rooms", caseName, senders, rooms);
            List<Matrix.User> users = context.registerUsers(matrix, "ss-" + caseName, senders);
            String[] roomIds = new String[rooms];
            List<Context.Step> creates = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                int room = r;
                creates.add(() -> roomIds[room] = matrix.createPublicRoom(users.get(room * sendersPerRoom), caseName + " " + room));
            }
            Context.parallelSteps(8, creates);
            List<Context.Step> joins = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                for (int c = 1; c < sendersPerRoom; c++) {
                    Matrix.User user = users.get(r * sendersPerRoom + c);
                    String roomId = roomIds[r];
                    joins.add(() -> matrix.join(user, roomId));
                }
            }
            Context.parallelSteps(8, joins);

            List<Sender> all = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                for (int c = 0; c < sendersPerRoom; c++) {
                    all.add(new Sender(users.get(r * sendersPerRoom + c), roomIds[r]));
                }
            }
            context.probe.awaitQuiet(10);
            Context.log("%s: %d senders x %d sends", caseName, all.size(), perSender);
            Phase phase = storm(matrix, context, caseName, all, perSender);
            List<String> notes = new ArrayList<>();
            if (phase.truncated) {
                notes.add("stopped at --max-seconds " + context.maxSeconds);
            }
            return new CaseResult(name(), caseName,
                    CaseResult.params("rooms", rooms, "senders_per_room", sendersPerRoom, "sends_per_sender", perSender,
                            "event_type", "m.room.message"),
                    "events sent", phase.ok, phase.errors, phase.latencies.summary(), phase.usage, java.util.Map.of(),
                    phase.truncated, notes);
        }
    }

    private record Sender(Matrix.User user, String roomId) {
    }

    private record Phase(long ok, long errors, boolean truncated, Latencies latencies, ServerProbe.Usage usage) {
    }

    /** Every sender sends {@code perSender} events back to back; all start together. */
    private Phase storm(Matrix matrix, Context context, String tag, List<Sender> senders, int perSender) throws Exception {
        Latencies latencies = new Latencies();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean truncated = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        long deadline = System.nanoTime() + context.maxSeconds * 1_000_000_000L;
        ServerProbe.Window window;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < senders.size(); s++) {
                Sender sender = senders.get(s);
                String pathPrefix = "/_matrix/client/v3/rooms/" + Matrix.enc(sender.roomId()) + "/send/m.room.message/"
                        + Matrix.enc(context.runId + "-" + tag + "-" + s + "-");
                pool.submit(() -> {
                    try (RawHttpConnection connection = new RawHttpConnection(context.base)) {
                        go.await();
                        for (int i = 0; i < perSender; i++) {
                            if (System.nanoTime() > deadline) {
                                truncated.set(true);
                                return null;
                            }
                            byte[] content = Matrix.JSON.writeValueAsBytes(Matrix.JSON.createObjectNode()
                                    .put("msgtype", "m.text").put("body", "send storm " + tag + " message " + i));
                            long t0 = System.nanoTime();
                            try {
                                connection.put(pathPrefix + i, sender.user().token(), content);
                                latencies.add((System.nanoTime() - t0) / 1000);
                                ok.incrementAndGet();
                            } catch (Matrix.MatrixError e) {
                                if (errors.incrementAndGet() <= 5) {
                                    Context.log("send failed: %s", e.getMessage());
                                }
                            } catch (IOException e) {
                                // The connection is gone: this and every later send of the sender fail.
                                errors.addAndGet(perSender - i);
                                Context.log("sender %s stopped: %s", sender.user().userId(), e.getMessage());
                                return null;
                            }
                        }
                    }
                    return null;
                });
            }
            window = context.probe.open();
            go.countDown();
        } // waits for every sender
        ServerProbe.Usage usage = window.finish();
        return new Phase(ok.get(), errors.get(), truncated.get(), latencies, usage);
    }

    /** JIT and caches warm, so the first measured case is not a measurement of the JIT. */
    private void warmUp(Matrix matrix, Context context) throws Exception {
        Context.log("warm-up: 10 senders in one room, %d sends, then %d sequential (not measured)",
                10 * WARM_UP_CONCURRENT_PER_SENDER, WARM_UP_SEQUENTIAL);
        List<Matrix.User> users = context.registerUsers(matrix, "warmup", 10);
        String room = matrix.createPublicRoom(users.get(0), "warm-up");
        List<Context.Step> joins = new ArrayList<>();
        for (Matrix.User user : users.subList(1, users.size())) {
            joins.add(() -> matrix.join(user, room));
        }
        Context.parallelSteps(8, joins);
        List<Sender> senders = new ArrayList<>();
        for (Matrix.User user : users) {
            senders.add(new Sender(user, room));
        }
        storm(matrix, context, "warmup-conc", senders, WARM_UP_CONCURRENT_PER_SENDER);
        storm(matrix, context, "warmup-seq", senders.subList(0, 1), WARM_UP_SEQUENTIAL);
    }
}
