package dev.parley.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** What every workload gets: the server, its probe, the options, and helpers for set-up. */
final class Context {
    final String base;
    final String sharedSecret;
    final ServerProbe probe;
    final Map<String, String> options;
    /** Prefix of every user name this run registers, so runs against one server never collide. */
    final String runId;
    private final AtomicInteger registrations = new AtomicInteger();
    /** Each measured phase stops by this many seconds, and says it was cut short. */
    final int maxSeconds;

    Context(String base, String sharedSecret, ServerProbe probe, Map<String, String> options, String runId) {
        this.base = base;
        this.sharedSecret = sharedSecret;
        this.probe = probe;
        this.options = options;
        this.runId = runId;
        this.maxSeconds = intOption("max-seconds", 180);
    }

    int intOption(String key, int fallback) {
        String value = options.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    double doubleOption(String key, double fallback) {
        String value = options.get(key);
        return value == null ? fallback : Double.parseDouble(value);
    }

    Matrix client() {
        return new Matrix(base);
    }

    /**
     * Registers {@code count} users named {@code <runId>-<prefix>-<n>-<i>}, 16 at a time; {@code n}
     * counts the calls, so a case named twice on one command line runs twice with its own users.
     */
    List<Matrix.User> registerUsers(Matrix matrix, String prefix, int count) throws Exception {
        int call = registrations.incrementAndGet();
        List<Callable> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String localpart = runId + "-" + prefix + "-" + call + "-" + i;
            tasks.add(() -> matrix.register(sharedSecret, localpart, "bench-" + localpart));
        }
        return parallel(16, tasks);
    }

    /** One set-up step. */
    interface Callable {
        Matrix.User call() throws IOException, InterruptedException;
    }

    /** One set-up step without a result. */
    interface Step {
        void run() throws IOException, InterruptedException;
    }

    /** Runs set-up steps on virtual threads, at most {@code width} at once; the first failure fails all. */
    static List<Matrix.User> parallel(int width, List<Callable> tasks) throws Exception {
        Semaphore permits = new Semaphore(width);
        List<Future<Matrix.User>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Callable task : tasks) {
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        return task.call();
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<Matrix.User> out = new ArrayList<>();
            for (Future<Matrix.User> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    static void parallelSteps(int width, List<Step> steps) throws Exception {
        List<Callable> tasks = new ArrayList<>();
        for (Step step : steps) {
            tasks.add(() -> {
                step.run();
                return null;
            });
        }
        parallel(width, tasks);
    }

    static void log(String format, Object... args) {
        System.err.printf("[loadgen] " + format + "%n", args);
    }
}
