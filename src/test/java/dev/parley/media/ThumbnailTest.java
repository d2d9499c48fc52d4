package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.id.MxcUri;
import dev.parley.core.id.UserId;
import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.TestServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Thumbnails of PNG, JPEG, WebP and GIF uploads, through a real server. */
class ThumbnailTest {
    private static TestServer server;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start(Dialect.SQLITE, yaml -> {
            yaml.withObject("rate_limits").put("enabled", false);
            yaml.withObject("media").put("max_thumbnail_source_pixels", 4_000_000);
        });
        UserId alice = server.homeserver().accounts().register("alice", Optional.of("pw"), false);
        token = server.homeserver().sessions().issue(alice, Optional.of("DEV"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static MxcUri upload(byte[] bytes, String type) {
        MediaHttp.Reply r = MediaHttp.send("POST", server.baseUrl() + "/_matrix/media/v3/upload", token, type, bytes);
        assertThat(r.status()).isEqualTo(200);
        return MxcUri.parse(r.json().path("content_uri").asText());
    }

    private static MediaHttp.Reply thumbnail(MxcUri uri, String query) {
        return MediaHttp.get(server.baseUrl() + "/_matrix/client/v1/media/thumbnail/" + uri.serverName() + "/"
                + uri.mediaId() + "?" + query, token);
    }

    private static byte[] source(String format) {
        return switch (format) {
            case "webp" -> TestImages.webp();
            default -> TestImages.encode(format, 1200, 800);
        };
    }

    @ParameterizedTest(name = "{0} {3} {1}x{2}")
    @CsvSource({
            "png,  320, 240, scale, image/png",
            "jpeg, 320, 240, scale, image/jpeg",
            "gif,  320, 240, scale, image/png",
            "png,  96,  96,  crop,  image/png",
            "jpeg, 64,  64,  crop,  image/jpeg",
            "gif,  96,  96,  crop,  image/png",
            "webp, 96,  96,  crop,  image/png",
            "webp, 64,  48,  crop,  image/png",
            "png,  700, 500, scale, image/png",
            "jpeg, 150, 100, crop,  image/jpeg"})
    void thumbnailsHaveTheRequestedBounds(String format, int width, int height, String method, String type) {
        byte[] original = source(format);
        MxcUri uri = upload(original, "image/" + format);
        MediaHttp.Reply r = thumbnail(uri, "width=" + width + "&height=" + height + "&method=" + method);
        assertThat(r.status()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo(type);
        assertThat(r.header("Content-Disposition")).startsWith("inline; filename=\"thumbnail.");
        assertThat(r.header("Content-Security-Policy")).startsWith("sandbox");
        int[] size = TestImages.size(r.body());
        int[] full = TestImages.size(original);
        if (method.equals("crop")) {
            // At least the requested size, in the requested aspect ratio, never beyond the source.
            assertThat(size[0]).isGreaterThanOrEqualTo(Math.min(width, full[0]));
            assertThat(size[1]).isGreaterThanOrEqualTo(Math.min(height, full[1]));
            assertThat((double) size[0] / size[1]).isCloseTo((double) width / height, org.assertj.core.data.Offset.offset(0.02));
        } else {
            // Aspect ratio kept; at least the requested size on one side, smaller than the source.
            assertThat(size[0] >= width || size[1] >= height).isTrue();
            assertThat((double) size[0] / size[1]).isCloseTo((double) full[0] / full[1], org.assertj.core.data.Offset.offset(0.02));
            assertThat(size[0]).isLessThanOrEqualTo(full[0]);
        }
        assertThat(size[0]).isLessThan(full[0]);
    }

    @Test
    void theStandardSizesAreUsedAndGeneratedOnce() {
        MxcUri uri = upload(source("png"), "image/png");
        MediaHttp.Reply first = thumbnail(uri, "width=200&height=150&method=scale");
        assertThat(TestImages.size(first.body())).containsExactly(320, 213);
        MediaHttp.Reply second = thumbnail(uri, "width=300&height=200&method=scale");
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void aSourceSmallerThanTheRequestIsServedAsItIs() {
        byte[] small = TestImages.encode("png", 50, 40);
        MxcUri uri = upload(small, "image/png");
        assertThat(thumbnail(uri, "width=96&height=96&method=crop").body()).isEqualTo(small);
        // A GIF may be animated: served as it is only when animation was asked for.
        byte[] gif = TestImages.encode("gif", 50, 40);
        MxcUri gifUri = upload(gif, "image/gif");
        MediaHttp.Reply animated = thumbnail(gifUri, "width=96&height=96&method=scale&animated=true");
        assertThat(animated.body()).isEqualTo(gif);
        assertThat(animated.header("Content-Type")).isEqualTo("image/gif");
        MediaHttp.Reply still = thumbnail(gifUri, "width=96&height=96&method=scale&animated=false");
        assertThat(still.header("Content-Type")).isEqualTo("image/png");
        assertThat(TestImages.size(still.body())).containsExactly(50, 40);
    }

    @Test
    void refusesWhatCannotBeThumbnailed() {
        MxcUri text = upload("not an image".getBytes(), "text/plain");
        MediaHttp.Reply notImage = thumbnail(text, "width=32&height=32");
        assertThat(notImage.status()).isEqualTo(400);
        assertThat(notImage.errcode()).isEqualTo("M_UNKNOWN");
        MxcUri corrupt = upload("definitely not a png".getBytes(), "image/png");
        assertThat(thumbnail(corrupt, "width=32&height=32").errcode()).isEqualTo("M_UNKNOWN");
        MxcUri huge = upload(TestImages.encode("png", 2500, 2000), "image/png");
        MediaHttp.Reply tooLarge = thumbnail(huge, "width=32&height=32");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errcode()).isEqualTo("M_TOO_LARGE");

        MxcUri png = upload(source("png"), "image/png");
        assertThat(thumbnail(png, "width=0&height=32").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(thumbnail(png, "width=abc&height=32").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(thumbnail(png, "height=32").errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(thumbnail(png, "width=32&height=32&method=stretch").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(thumbnail(png, "width=32&height=32&animated=maybe").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(MediaHttp.get(server.baseUrl() + "/_matrix/client/v1/media/thumbnail/test.local/"
                + png.mediaId() + "?width=32&height=32", null).errcode()).isEqualTo("M_MISSING_TOKEN");
    }
}
