package dev.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code longpoll-heap sN}: the server heap one held {@code /sync} long-poll costs. N users in
 * rooms of up to {@value #ROOM_SIZE} each make an initial sync; then, after a full GC in the
 * server ({@code jcmd <pid> GC.run}, twice), the heap in use is read ({@code GC.heap_info}); the
 * N users each open {@code /sync?since=…&timeout=}{@value #TIMEOUT_MS} on its own connection and
 * nothing happens; once the server is quiet and none has answered, the same full GC and reading
 * again. The difference over N is the heap per held long-poll: its connection, request, virtual
 * thread and notifier registration.
 */
final class LongPollHeap implements Workload {
    private static final int ROOM_SIZE = 50;
    private static final long TIMEOUT_MS = 300_000;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    @Override
    public String name() {
        return "longpoll-heap";
    }

    @Override
    public String description() {
        return "server heap per held idle /sync long-poll (full GC via jcmd before and while N are parked)";
    }

    @Override
    public List<String> defaultCases() {
        return List.of("s1000");
    }

    @Override
    public String caseSyntax() {
        return "sN: N idle long-polls held at once, e.g. s100 s1000 s5000";
    }

    @Override
    public CaseResult run(String caseName, Context context) throws Exception {
        if (!caseName.matches("s[1-9][0-9]*")) {
            throw new IllegalArgumentException("longpoll-heap case must look like s1000, not " + caseName);
        }
        int count = Integer.parseInt(caseName.substring(1));
        try (Matrix setup = context.client(); Matrix polls = context.client()) {
            List<Matrix.User> users = context.registerUsers(setup, caseName, count);
            List<Context.Step> joins = new ArrayList<>();
            for (int first = 0; first < count; first += ROOM_SIZE) {
                Matrix.User creator = users.get(first);
                String room = setup.createPublicRoom(creator, "heap " + first);
                for (int i = first + 1; i < Math.min(count, first + ROOM_SIZE); i++) {
                    Matrix.User member = users.get(i);
                    joins.add(() -> setup.join(member, room));
                }
            }
            Context.parallelSteps(16, joins);
            List<String> tokens = new ArrayList<>();
            for (Matrix.User user : users) {
                tokens.add(setup.sync(user, null, null, 0).path("next_batch").asText());
            }
            context.probe.awaitQuiet(20);
            long before = heapUsedAfterFullGc(context.probe.pid());
            long rssBefore = context.probe.snapshot().rssBytes();
            Context.log("%s: heap after full GC with none held: %.1f MiB; opening %d long-polls", caseName,
                    before / 1048576.0, count);

            ServerProbe.Window window = context.probe.open();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> held = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    Matrix.User user = users.get(i);
                    String token = tokens.get(i);
                    held.add(threads.submit(() -> polls.sync(user, token, null, TIMEOUT_MS)));
                }
                TimeUnit.SECONDS.sleep(2);
                boolean quiet = context.probe.awaitQuiet(60);
                long answered = held.stream().filter(Future::isDone).count();
                long during = heapUsedAfterFullGc(context.probe.pid());
                long rssDuring = context.probe.snapshot().rssBytes();
                ServerProbe.Usage usage = window.finish();
                long perPoll = (during - before) / count;
                Context.log("%s: heap after full GC with %d held: %.1f MiB: %,d bytes per long-poll (%d answered early%s)",
                        caseName, count, during / 1048576.0, perPoll, answered, quiet ? "" : ", server never quiet");
                polls.close();
                threads.shutdownNow();
                return new CaseResult(name(), caseName, CaseResult.params("long_polls", count, "room_size", ROOM_SIZE,
                        "timeout_ms", TIMEOUT_MS), "held long-polls", count, answered,
                        Latencies.Summary.EMPTY, usage,
                        Map.of("heap_before_bytes", before, "heap_held_bytes", during, "heap_bytes_per_long_poll", perPoll,
                                "rss_before_bytes", rssBefore, "rss_held_bytes", rssDuring),
                        !quiet, List.of(String.format("heap after full GC %.1f → %.1f MiB with %d held: %,d bytes per"
                                        + " long-poll; RSS %.0f → %.0f MiB", before / 1048576.0, during / 1048576.0, count,
                                perPoll, rssBefore / 1048576.0, rssDuring / 1048576.0)));
            } finally {
                window.close();
            }
        }
    }

    /** {@code jcmd <pid> GC.run} twice, then the heap in use from {@code GC.heap_info}, in bytes. */
    private static long heapUsedAfterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long usedKb = 0;
        // SerialGC prints one "used NK" per generation (young, old), then metaspace lines.
        for (String line : info.split("\n")) {
            Matcher m = USED.matcher(line);
            if (m.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                usedKb += Long.parseLong(m.group(1));
            }
        }
        if (usedKb == 0) {
            throw new IllegalStateException("no heap figure in GC.heap_info:\n" + info);
        }
        return usedKb * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process process = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
