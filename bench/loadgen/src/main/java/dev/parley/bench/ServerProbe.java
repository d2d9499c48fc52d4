package dev.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the server process's counters from {@code /proc/<pid>}: CPU time ({@code stat} fields 14
 * and 15, utime + stime, in clock ticks), resident memory ({@code status} VmRSS and VmHWM) and
 * bytes sent to the storage layer ({@code io} write_bytes). A {@link Window} brackets one
 * measured phase and samples VmRSS every 50 ms in between, because VmHWM is the peak of the
 * whole process lifetime (set-up included), not of the phase.
 */
final class ServerProbe {
    private final long pid;
    private final long ticksPerSecond;
    private final Path dataDir;
    private final String postgresDatabase;

    /**
     * @param dataDir where SQLite's files are, or null
     * @param postgresDatabase the PostgreSQL database to size with {@code psql} instead, or null
     */
    ServerProbe(long pid, long ticksPerSecond, Path dataDir, String postgresDatabase) {
        this.pid = pid;
        this.ticksPerSecond = ticksPerSecond;
        this.dataDir = dataDir;
        this.postgresDatabase = postgresDatabase;
    }

    /** The server's process ID (for {@code jcmd}). */
    long pid() {
        return pid;
    }

    /** Counters at one instant. */
    record Snapshot(long nanoTime, double serverCpuSeconds, double selfCpuSeconds, long writeBytes, long rssBytes,
                    long hwmBytes, long databaseBytes) {
    }

    /** What happened to the server between {@link #open} and {@link #close}. */
    record Usage(double seconds, double serverCpuSeconds, double loadgenCpuSeconds, long writeBytes, long peakRssBytes,
                 long hwmBytes, long databaseBytesAfter, long databaseGrowthBytes) {
        /** For a row that measured nothing. */
        static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, -1, 0);
    }

    Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), cpuSeconds(pid), cpuSeconds(ProcessHandle.current().pid()),
                ioField("write_bytes"), statusKb("VmRSS") * 1024, statusKb("VmHWM") * 1024, databaseBytes());
    }

    /**
     * Waits until the server has been nearly idle (under 5% of one core) for 250 ms, or for
     * {@code maxSeconds}: set-up work (parking a thousand long-polls, a WAL checkpoint) should not
     * leak into the measured phase. Returns whether it got quiet.
     */
    boolean awaitQuiet(int maxSeconds) throws InterruptedException {
        long until = System.nanoTime() + maxSeconds * 1_000_000_000L;
        double before = cpuSeconds(pid);
        while (System.nanoTime() < until) {
            Thread.sleep(250);
            double now = cpuSeconds(pid);
            if (now - before < 0.25 * 0.05) {
                return true;
            }
            before = now;
        }
        return false;
    }

    /** Starts a measured phase. */
    Window open() {
        return new Window();
    }

    final class Window implements AutoCloseable {
        private final Snapshot start = snapshot();
        private final AtomicLong peakRss = new AtomicLong(start.rssBytes());
        private final Thread sampler;
        private volatile boolean running = true;

        private Window() {
            sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
                while (running) {
                    try {
                        Thread.sleep(50);
                        long rss = statusKb("VmRSS") * 1024;
                        peakRss.accumulateAndGet(rss, Math::max);
                    } catch (InterruptedException e) {
                        return;
                    } catch (UncheckedIOException e) {
                        return; // the server exited; the workload will notice
                    }
                }
            });
        }

        Usage finish() {
            running = false;
            sampler.interrupt();
            Snapshot end = snapshot();
            peakRss.accumulateAndGet(end.rssBytes(), Math::max);
            return new Usage((end.nanoTime() - start.nanoTime()) / 1e9, end.serverCpuSeconds() - start.serverCpuSeconds(),
                    end.selfCpuSeconds() - start.selfCpuSeconds(), end.writeBytes() - start.writeBytes(), peakRss.get(),
                    end.hwmBytes(), end.databaseBytes(), end.databaseBytes() - start.databaseBytes());
        }

        @Override
        public void close() {
            running = false;
            sampler.interrupt();
        }
    }

    private double cpuSeconds(long processId) {
        String stat = read(Path.of("/proc", Long.toString(processId), "stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count from its end.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);  // field 14 of the whole line
        long stime = Long.parseLong(fields[12]);  // field 15
        return (utime + stime) / (double) ticksPerSecond;
    }

    private long statusKb(String key) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(key + " missing from /proc/" + pid + "/status");
    }

    private long ioField(String key) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "io")).split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim());
            }
        }
        throw new IllegalStateException(key + " missing from /proc/" + pid + "/io");
    }

    /**
     * SQLite's files (database, WAL, shared memory) in the data directory, or the PostgreSQL
     * database's size ({@code pg_database_size}); -1 when not known.
     */
    private long databaseBytes() {
        if (postgresDatabase != null) {
            return postgresDatabaseBytes();
        }
        if (dataDir == null) {
            return -1;
        }
        long total = 0;
        for (String name : new String[] {"parley.db", "parley.db-wal", "parley.db-shm"}) {
            try {
                Path file = dataDir.resolve(name);
                if (Files.exists(file)) {
                    total += Files.size(file);
                }
            } catch (IOException e) {
                return -1;
            }
        }
        return total;
    }

    private long postgresDatabaseBytes() {
        try {
            Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-qAtc",
                    "SELECT pg_database_size('" + postgresDatabase.replace("'", "''") + "')")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(psql.getInputStream().readAllBytes()).trim();
            return psql.waitFor() == 0 ? Long.parseLong(out) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
