import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Uploads one file to a running Parley, then downloads it with many concurrent clients, and
 * samples the server's heap (from its Prometheus /metrics) and RSS (from /proc) before and
 * during the downloads: a server that streams from disk keeps both flat however many copies
 * are in flight.
 *
 * Usage: java bench/MediaDownloadBench.java BASE_URL OPS_URL TOKEN SERVER_PID [MiB=10] [clients=50] [rounds=20]
 */
public class MediaDownloadBench {
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.E+]+)", Pattern.MULTILINE);

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String ops = args[1];
        String token = args[2];
        long pid = Long.parseLong(args[3]);
        int mib = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int clients = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 20;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        byte[] file = new byte[mib * 1024 * 1024];
        new Random(42).nextBytes(file);
        String expected = sha256(file);
        System.out.printf("server before upload: heap %s, RSS %s%n", mb(heap(http, ops)), mb(rss(pid)));

        // Three uploads of the same bytes: the first is cold (JIT); all three end in one file.
        String mxc = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            long t0 = System.nanoTime();
            HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create(base + "/_matrix/media/v3/upload?filename=bench.bin"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;
            if (uploaded.statusCode() != 200) {
                throw new IllegalStateException("upload failed: " + uploaded.statusCode() + " " + uploaded.body());
            }
            mxc = uploaded.body().replaceAll(".*\"content_uri\":\"mxc://([^\"]+)\".*", "$1");
            System.out.printf("upload %d: %d MiB in %.3f s (%.1f MiB/s, hashed and fsynced), %s%n",
                    attempt, mib, uploadSeconds, mib / uploadSeconds, mxc);
        }
        URI download = URI.create(base + "/_matrix/client/v1/media/download/" + mxc);

        // One verified download first: byte-identical.
        byte[] back = http.send(request(download, token), HttpResponse.BodyHandlers.ofByteArray()).body();
        if (!sha256(back).equals(expected)) {
            throw new IllegalStateException("downloaded bytes differ from the upload");
        }
        System.gc();
        Thread.sleep(500);
        long heapBefore = heap(http, ops);
        long rssBefore = rss(pid);
        System.out.printf("server idle after upload: heap %s, RSS %s%n", mb(heapBefore), mb(rssBefore));

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong maxHeap = new AtomicLong();
        AtomicLong maxRss = new AtomicLong();
        List<Long> heapSamples = new ArrayList<>();
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                try {
                    long h = heap(http, ops);
                    synchronized (heapSamples) {
                        heapSamples.add(h);
                    }
                    maxHeap.accumulateAndGet(h, Math::max);
                    maxRss.accumulateAndGet(rss(pid), Math::max);
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });

        AtomicLong bytes = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    byte[] sink = new byte[64 * 1024];
                    for (int r = 0; r < rounds; r++) {
                        HttpResponse<InputStream> response = http.send(request(download, token), HttpResponse.BodyHandlers.ofInputStream());
                        long n = 0;
                        try (InputStream in = response.body()) {
                            int read;
                            while ((read = in.read(sink)) >= 0) {
                                n += read;
                            }
                        }
                        if (response.statusCode() != 200 || n != file.length) {
                            throw new IllegalStateException("bad download: " + response.statusCode() + ", " + n + " bytes");
                        }
                        bytes.addAndGet(n);
                        requests.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        sampler.join();
        double mibs = bytes.get() / 1048576.0;
        System.out.printf("downloads: %d clients x %d rounds = %d requests, %.0f MiB in %.2f s%n",
                clients, rounds, requests.get(), mibs, seconds);
        System.out.printf("throughput: %.0f MiB/s, %.1f requests/s%n", mibs / seconds, requests.get() / seconds);
        long median;
        synchronized (heapSamples) {
            List<Long> sorted = new ArrayList<>(heapSamples);
            sorted.sort(null);
            median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        }
        System.out.printf("server during downloads (%d samples): heap median %s, max %s; RSS max %s%n",
                heapSamples.size(), mb(median), mb(maxHeap.get()), mb(maxRss.get()));
        System.out.printf("in flight at once: up to %d copies x %d MiB = %d MiB, against a heap peak %s above idle%n",
                clients, mib, clients * mib, mb(maxHeap.get() - heapBefore));
    }

    private static HttpRequest request(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build();
    }

    private static long heap(HttpClient http, String ops) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(ops + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = HEAP.matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return (long) sum;
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    private static String mb(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
