package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.parley.core.id.MxcUri;
import dev.parley.core.id.UserId;
import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * URL previews of pages served by the test on loopback: refused by the default deny-list,
 * allowed only when the configuration allows loopback, redirects re-checked.
 */
class UrlPreviewTest {
    private static final byte[] IMAGE = TestImages.encode("png", 64, 48);

    private HttpServer site;
    private final AtomicInteger pageHits = new AtomicInteger();
    private TestServer server;
    private String token;

    @BeforeEach
    void serveSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/page.html", exchange -> {
            pageHits.incrementAndGet();
            byte[] body = """
                    <!doctype html><html><head>
                    <title>Fallback title</title>
                    <meta property="og:title" content="Parley &amp; friends">
                    <meta content='A homeserver &lt;in Java&gt;' property='og:description'>
                    <meta property="og:image" content="/img.png">
                    <meta property="og:type" content="website">
                    </head><body>hello</body></html>""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.createContext("/plain.html", exchange -> {
            byte[] body = "<html><head><title>Just a title</title><meta name=\"description\" content=\"Described\"></head></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.createContext("/img.png", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, IMAGE.length);
            exchange.getResponseBody().write(IMAGE);
            exchange.close();
        });
        site.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.2:" + site.getAddress().getPort() + "/page.html");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        site.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        site.stop(0);
    }

    private void start(Consumer<ObjectNode> tweak) {
        server = TestServer.start(Dialect.SQLITE, yaml -> {
            yaml.withObject("rate_limits").put("enabled", false);
            tweak.accept(yaml);
        });
        UserId alice = server.homeserver().accounts().register("alice", Optional.of("pw"), false);
        token = server.homeserver().sessions().issue(alice, Optional.of("DEV"));
    }

    private void startAllowingLoopback() {
        start(yaml -> yaml.withObject("media").withObject("url_preview").putArray("ip_range_allowlist").add("127.0.0.1/32"));
    }

    private String page(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    private MediaHttp.Reply preview(String url) {
        return MediaHttp.get(server.baseUrl() + "/_matrix/client/v1/media/preview_url?url="
                + URLEncoder.encode(url, StandardCharsets.UTF_8), token);
    }

    @Test
    void theDefaultConfigurationRefusesLoopback() {
        start(yaml -> { });
        MediaHttp.Reply r = preview(page("/page.html"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(pageHits).hasValue(0);
        MediaHttp.Reply named = preview("http://localhost:" + site.getAddress().getPort() + "/page.html");
        assertThat(named.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(pageHits).hasValue(0);
    }

    @Test
    void previewsAnAllowedPageWithItsImageStoredAsMedia() {
        startAllowingLoopback();
        MediaHttp.Reply r = preview(page("/page.html"));
        assertThat(r.status()).as(new String(r.body())).isEqualTo(200);
        JsonNode og = r.json();
        assertThat(og.path("og:title").asText()).isEqualTo("Parley & friends");
        assertThat(og.path("og:description").asText()).isEqualTo("A homeserver <in Java>");
        assertThat(og.path("og:type").asText()).isEqualTo("website");
        assertThat(og.path("og:image:width").asInt()).isEqualTo(64);
        assertThat(og.path("og:image:height").asInt()).isEqualTo(48);
        assertThat(og.path("og:image:type").asText()).isEqualTo("image/png");
        assertThat(og.path("matrix:image:size").asLong()).isEqualTo(IMAGE.length);
        MxcUri image = MxcUri.parse(og.path("og:image").asText());
        assertThat(image.serverName().value()).isEqualTo("test.local");
        MediaHttp.Reply stored = MediaHttp.get(server.baseUrl() + "/_matrix/client/v1/media/download/test.local/"
                + image.mediaId(), token);
        assertThat(stored.body()).isEqualTo(IMAGE);

        // Cached: the page is not fetched again.
        assertThat(preview(page("/page.html")).json()).isEqualTo(og);
        assertThat(pageHits).hasValue(1);
        // The deprecated path serves the same.
        MediaHttp.Reply legacy = MediaHttp.get(server.baseUrl() + "/_matrix/media/v3/preview_url?url="
                + URLEncoder.encode(page("/page.html"), StandardCharsets.UTF_8), token);
        assertThat(legacy.json()).isEqualTo(og);
    }

    @Test
    void fallsBackToTheTitleAndDescription() {
        startAllowingLoopback();
        JsonNode og = preview(page("/plain.html")).json();
        assertThat(og.path("og:title").asText()).isEqualTo("Just a title");
        assertThat(og.path("og:description").asText()).isEqualTo("Described");
        assertThat(og.has("og:image")).isFalse();
    }

    @Test
    void previewsAnImageUrl() {
        startAllowingLoopback();
        JsonNode og = preview(page("/img.png")).json();
        assertThat(og.path("og:image").asText()).startsWith("mxc://test.local/");
        assertThat(og.path("matrix:image:size").asLong()).isEqualTo(IMAGE.length);
    }

    @Test
    void redirectsAreCheckedAgainstTheDenyListToo() {
        startAllowingLoopback();
        MediaHttp.Reply r = preview(page("/redirect"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(pageHits).hasValue(0);
    }

    @Test
    void rejectsBadRequests() {
        start(yaml -> { });
        MediaHttp.Reply missing = MediaHttp.get(server.baseUrl() + "/_matrix/client/v1/media/preview_url", token);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(preview("ftp://example.org/file").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(preview("not a url").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(MediaHttp.get(server.baseUrl() + "/_matrix/client/v1/media/preview_url?url=http://example.org/", null)
                .errcode()).isEqualTo("M_MISSING_TOKEN");
    }

    @Test
    void canBeSwitchedOff() {
        start(yaml -> yaml.withObject("media").withObject("url_preview").put("enabled", false));
        MediaHttp.Reply r = preview(page("/page.html"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errcode()).isEqualTo("M_UNRECOGNIZED");
    }
}
