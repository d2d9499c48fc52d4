package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.Homeserver;
import dev.parley.config.ParleyConfig;
import dev.parley.core.id.MxcUri;
import dev.parley.core.id.UserId;
import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.TestConfigs;
import dev.parley.testing.TestDatabases;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The content repository over HTTP, against a real server. */
class MediaApiTest {
    private TestServer server;
    private String alice;
    private String bob;

    private void start(Consumer<ObjectNode> tweak) {
        server = TestServer.start(Dialect.SQLITE, yaml -> {
            yaml.withObject("rate_limits").put("enabled", false);
            yaml.withObject("media").put("max_upload_bytes", 1_000_000);
            tweak.accept(yaml);
        });
        alice = token("alice");
        bob = token("bob");
    }

    private void start() {
        start(yaml -> { });
    }

    private String token(String name) {
        UserId user = server.homeserver().accounts().register(name, Optional.of("pw-" + name), false);
        return server.homeserver().sessions().issue(user, Optional.of("DEV"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String url(String path) {
        return server.baseUrl() + path;
    }

    private MxcUri upload(byte[] bytes, String type, String query) {
        MediaHttp.Reply r = MediaHttp.send("POST", url("/_matrix/media/v3/upload" + query), alice, type, bytes);
        assertThat(r.status()).as(new String(r.body())).isEqualTo(200);
        return MxcUri.parse(r.json().path("content_uri").asText());
    }

    private String download(MxcUri uri) {
        return url("/_matrix/client/v1/media/download/" + uri.serverName() + "/" + uri.mediaId());
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void uploadThenDownloadIsByteIdenticalWithSafeHeaders() {
        start();
        byte[] bytes = random(300_000, 1);
        MxcUri uri = upload(bytes, "image/png", "?filename=cat%20pic.png");
        assertThat(uri.serverName().value()).isEqualTo("test.local");

        MediaHttp.Reply r = MediaHttp.get(download(uri), alice);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(bytes);
        assertThat(r.header("Content-Type")).isEqualTo("image/png");
        assertThat(r.header("Content-Disposition")).isEqualTo("inline; filename=\"cat pic.png\"");
        assertThat(r.header("Content-Security-Policy")).startsWith("sandbox;").contains("default-src 'none'");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
        assertThat(r.header("Content-Length")).isEqualTo("300000");

        MediaHttp.Reply renamed = MediaHttp.get(download(uri) + "/other.png", alice);
        assertThat(renamed.body()).isEqualTo(bytes);
        assertThat(renamed.header("Content-Disposition")).isEqualTo("inline; filename=\"other.png\"");
    }

    @Test
    void unsafeTypesAreAttachmentsAndNamesCannotBreakTheHeader() {
        start();
        MxcUri html = upload("<script>alert(1)</script>".getBytes(), "text/html", "?filename=x%22%3B%20y.html");
        MediaHttp.Reply r = MediaHttp.get(download(html), alice);
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename*=UTF-8''x%22%3B%20y.html");
        MxcUri untyped = upload("abc".getBytes(), null, "");
        MediaHttp.Reply plain = MediaHttp.get(download(untyped), alice);
        assertThat(plain.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(plain.header("Content-Disposition")).isEqualTo("attachment");
    }

    @Test
    void servesByteRanges() {
        start();
        byte[] bytes = random(10_000, 2);
        MxcUri uri = upload(bytes, "application/pdf", "");
        MediaHttp.Reply part = MediaHttp.get(download(uri), alice, Map.of("Range", "bytes=100-199"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100, 200));
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/10000");
        MediaHttp.Reply tail = MediaHttp.get(download(uri), alice, Map.of("Range", "bytes=-10"));
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 9990, 10000));
        MediaHttp.Reply open = MediaHttp.get(download(uri), alice, Map.of("Range", "bytes=9000-"));
        assertThat(open.body()).hasSize(1000);
        MediaHttp.Reply beyond = MediaHttp.get(download(uri), alice, Map.of("Range", "bytes=20000-"));
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */10000");
    }

    @Test
    void refusesOversizeUploadsWithTooLarge() {
        start();
        MediaHttp.Reply r = MediaHttp.send("POST", url("/_matrix/media/v3/upload"), alice, "application/octet-stream",
                new byte[1_000_001]);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errcode()).isEqualTo("M_TOO_LARGE");
        // Without a Content-Length (chunked), the limit holds while streaming.
        var chunked = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/_matrix/media/v3/upload")))
                .header("Authorization", "Bearer " + alice)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[1_500_000])));
        MediaHttp.Reply streamed = MediaHttp.send(chunked);
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.errcode()).isEqualTo("M_TOO_LARGE");
        // Bodies above http.max_request_body_bytes are fine for uploads when under the media limit.
        MediaHttp.Reply config = MediaHttp.get(url("/_matrix/client/v1/media/config"), alice);
        assertThat(config.json().path("m.upload.size").asLong()).isEqualTo(1_000_000);
        assertThat(MediaHttp.get(url("/_matrix/media/v3/config"), alice).json().path("m.upload.size").asLong())
                .isEqualTo(1_000_000);
    }

    @Test
    void uploadsLargerThanTheJsonBodyLimitStreamToDisk() {
        start(yaml -> yaml.withObject("media").put("max_upload_bytes", 8 * 1024 * 1024));
        byte[] bytes = random(6 * 1024 * 1024, 3); // above http.max_request_body_bytes (4 MiB)
        MxcUri uri = upload(bytes, "video/mp4", "");
        assertThat(MediaHttp.get(download(uri), alice).body()).isEqualTo(bytes);
    }

    @Test
    void answersUnknownMediaBadIdsAndMissingTokensWithTheRightErrors() {
        start();
        MediaHttp.Reply unknown = MediaHttp.get(url("/_matrix/client/v1/media/download/test.local/nosuchmedia"), alice);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errcode()).isEqualTo("M_NOT_FOUND");
        MediaHttp.Reply badId = MediaHttp.get(url("/_matrix/client/v1/media/download/test.local/bad%2E%2E%2Fid"), alice);
        assertThat(badId.status()).isEqualTo(404);
        assertThat(badId.errcode()).isEqualTo("M_NOT_FOUND");
        MediaHttp.Reply badServer = MediaHttp.get(url("/_matrix/client/v1/media/download/bad_server!/abc"), alice);
        assertThat(badServer.status()).isEqualTo(400);
        assertThat(badServer.errcode()).isEqualTo("M_INVALID_PARAM");
        MediaHttp.Reply remote = MediaHttp.get(url("/_matrix/client/v1/media/download/other.example/abc"), alice);
        assertThat(remote.status()).isEqualTo(404);
        assertThat(remote.errcode()).isEqualTo("M_NOT_FOUND");

        MxcUri uri = upload("x".getBytes(), "text/plain", "");
        MediaHttp.Reply anonymous = MediaHttp.get(download(uri), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errcode()).isEqualTo("M_MISSING_TOKEN");
        MediaHttp.Reply badToken = MediaHttp.get(download(uri), "pat_nonsense");
        assertThat(badToken.errcode()).isEqualTo("M_UNKNOWN_TOKEN");
        MediaHttp.Reply anonymousUpload = MediaHttp.send("POST", url("/_matrix/media/v3/upload"), null, "text/plain", "x".getBytes());
        assertThat(anonymousUpload.errcode()).isEqualTo("M_MISSING_TOKEN");
        assertThat(MediaHttp.get(url("/_matrix/client/v1/media/config"), null).errcode()).isEqualTo("M_MISSING_TOKEN");
        // The deprecated query-string token still works.
        assertThat(MediaHttp.get(download(uri) + "?access_token=" + alice, null).status()).isEqualTo(200);
    }

    @Test
    void asynchronousUploadThroughACreatedUri() throws Exception {
        start();
        MediaHttp.Reply created = MediaHttp.send("POST", url("/_matrix/media/v1/create"), alice, "application/json", "{}".getBytes());
        assertThat(created.status()).isEqualTo(200);
        long expires = created.json().path("unused_expires_at").asLong();
        assertThat(expires).isGreaterThan(System.currentTimeMillis() + 23 * 3600_000L);
        MxcUri uri = MxcUri.parse(created.json().path("content_uri").asText());
        String put = url("/_matrix/media/v3/upload/" + uri.serverName() + "/" + uri.mediaId());

        MediaHttp.Reply early = MediaHttp.get(download(uri) + "?timeout_ms=100", alice);
        assertThat(early.status()).isEqualTo(504);
        assertThat(early.errcode()).isEqualTo("M_NOT_YET_UPLOADED");

        MediaHttp.Reply notOwner = MediaHttp.send("PUT", put, bob, "text/plain", "bob".getBytes());
        assertThat(notOwner.status()).isEqualTo(403);
        assertThat(notOwner.errcode()).isEqualTo("M_FORBIDDEN");

        // A download waiting on the URI is answered once the upload lands.
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Future<MediaHttp.Reply> waiting = pool.submit(() -> MediaHttp.get(download(uri) + "?timeout_ms=10000", alice));
        Thread.sleep(300);
        MediaHttp.Reply ok = MediaHttp.send("PUT", put + "?filename=later.txt", alice, "text/plain", "hello".getBytes());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().isObject()).isTrue();
        assertThat(ok.json().size()).isZero();
        MediaHttp.Reply waited = waiting.get();
        assertThat(waited.status()).isEqualTo(200);
        assertThat(new String(waited.body())).isEqualTo("hello");
        assertThat(waited.header("Content-Disposition")).isEqualTo("inline; filename=\"later.txt\"");
        pool.close();

        MediaHttp.Reply again = MediaHttp.send("PUT", put, alice, "text/plain", "again".getBytes());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errcode()).isEqualTo("M_CANNOT_OVERWRITE_MEDIA");

        MediaHttp.Reply never = MediaHttp.send("PUT", url("/_matrix/media/v3/upload/test.local/NeverCreated"), alice,
                "text/plain", "x".getBytes());
        assertThat(never.status()).isEqualTo(404);
        assertThat(never.errcode()).isEqualTo("M_NOT_FOUND");
    }

    @Test
    void limitsPendingCreatedUris() {
        start(yaml -> yaml.withObject("media").put("max_pending_uploads", 2));
        for (int i = 0; i < 2; i++) {
            assertThat(MediaHttp.send("POST", url("/_matrix/media/v1/create"), alice, null, null).status()).isEqualTo(200);
        }
        MediaHttp.Reply third = MediaHttp.send("POST", url("/_matrix/media/v1/create"), alice, null, null);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.errcode()).isEqualTo("M_LIMIT_EXCEEDED");
        assertThat(third.json().path("retry_after_ms").asLong()).isPositive();
        assertThat(MediaHttp.send("POST", url("/_matrix/media/v1/create"), bob, null, null).status()).isEqualTo(200);
    }

    @Test
    void legacyEndpointsAreFrozenByDefault() {
        start();
        MxcUri uri = upload("new".getBytes(), "text/plain", "");
        MediaHttp.Reply legacy = MediaHttp.get(url("/_matrix/media/v3/download/" + uri.serverName() + "/" + uri.mediaId()), null);
        assertThat(legacy.status()).isEqualTo(404);
        assertThat(legacy.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(MediaHttp.get(download(uri), alice).status()).isEqualTo(200);
    }

    @Test
    void mediaStoredBeforeTheFreezeStaysReachableOnLegacyEndpoints() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-freeze");
        String database = TestDatabases.newDatabaseUrl(Dialect.SQLITE);
        MxcUri old;
        String token;
        try (Homeserver open = Homeserver.start(config(dataDir, database, "open"))) {
            UserId user = open.accounts().register("carol", Optional.of("pw"), false);
            token = open.sessions().issue(user, Optional.of("DEV"));
            old = MxcUri.parse(MediaHttp.send("POST", "http://127.0.0.1:" + open.port(0) + "/_matrix/media/v3/upload",
                    token, "text/plain", "old".getBytes()).json().path("content_uri").asText());
            assertThat(MediaHttp.get(legacy(open, old), null).status()).isEqualTo(200);
        }
        try (Homeserver frozen = Homeserver.start(config(dataDir, database, "frozen"))) {
            MxcUri fresh = MxcUri.parse(MediaHttp.send("POST", "http://127.0.0.1:" + frozen.port(0) + "/_matrix/media/v3/upload",
                    token, "text/plain", "new".getBytes()).json().path("content_uri").asText());
            MediaHttp.Reply before = MediaHttp.get(legacy(frozen, old) + "/named.txt", null);
            assertThat(before.status()).isEqualTo(200);
            assertThat(before.header("Content-Disposition")).isEqualTo("inline; filename=\"named.txt\"");
            MediaHttp.Reply after = MediaHttp.get(legacy(frozen, fresh), null);
            assertThat(after.status()).isEqualTo(404);
            assertThat(after.errcode()).isEqualTo("M_NOT_FOUND");
        }
        try (Homeserver off = Homeserver.start(config(dataDir, database, "off"))) {
            assertThat(MediaHttp.get(legacy(off, old), null).errcode()).isEqualTo("M_NOT_FOUND");
        }
    }

    private static ParleyConfig config(Path dataDir, String database, String access) {
        return TestConfigs.generated(dataDir, database, yaml -> {
            yaml.withObject("rate_limits").put("enabled", false);
            yaml.withObject("ops").put("enabled", false);
            yaml.withObject("media").put("unauthenticated_access", access);
        });
    }

    private static String legacy(Homeserver server, MxcUri uri) {
        return "http://127.0.0.1:" + server.port(0) + "/_matrix/media/v3/download/" + uri.serverName() + "/" + uri.mediaId();
    }

    @Test
    void quarantinedMediaIsNotFound() {
        start();
        MxcUri uri = upload("bad".getBytes(), "text/plain", "");
        assertThat(server.homeserver().media().quarantine(uri, true)).isTrue();
        MediaHttp.Reply r = MediaHttp.get(download(uri), alice);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errcode()).isEqualTo("M_NOT_FOUND");
        server.homeserver().media().quarantine(uri, false);
        assertThat(MediaHttp.get(download(uri), alice).status()).isEqualTo(200);
    }

    @Test
    void concurrentUploadsOfTheSameBytesStoreOneFile() throws Exception {
        start();
        byte[] bytes = random(200_000, 4);
        List<Callable<MxcUri>> uploads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            uploads.add(() -> upload(bytes, "application/octet-stream", ""));
        }
        List<MxcUri> uris = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<MxcUri> f : pool.invokeAll(uploads)) {
                uris.add(f.get());
            }
        }
        assertThat(uris).doesNotHaveDuplicates();
        for (MxcUri uri : uris) {
            assertThat(MediaHttp.get(download(uri), alice).body()).isEqualTo(bytes);
        }
        assertThat(contentFiles()).hasSize(1);
        assertThat(tempFiles()).isEmpty();
    }

    private List<Path> contentFiles() throws IOException {
        try (Stream<Path> files = Files.walk(server.config.media().path().resolve("content"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(server.config.media().path().resolve("tmp"))) {
            return files.toList();
        }
    }
}
