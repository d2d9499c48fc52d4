package dev.parley.service.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenGraphTest {
    @Test
    void readsOpenGraphPropertiesInAnyAttributeOrderAndQuoting() {
        var og = OpenGraph.parse("""
                <meta property="og:title" content="First &amp; best"><meta property="og:title" content="second">
                <META CONTENT=unquoted PROPERTY=og:site_name>
                <meta name="og:description" content='single &#39;quoted&#x27; &#128512;'>
                <meta property="og:image" content="https://img.example/a.png">""");
        assertThat(og).containsEntry("og:title", "First & best")
                .containsEntry("og:site_name", "unquoted")
                .containsEntry("og:description", "single 'quoted' \uD83D\uDE00")
                .containsEntry("og:image", "https://img.example/a.png");
    }

    @Test
    void fallsBackToTitleAndDescription() {
        var og = OpenGraph.parse("<title>\n  Page\n title </title><meta name=description content=\"About it\">");
        assertThat(og).containsEntry("og:title", "Page title").containsEntry("og:description", "About it");
    }

    @Test
    void decodesWithTheDeclaredCharset() {
        byte[] latin1 = "<title>caf\u00e9</title>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(OpenGraph.decode(latin1, Optional.of("text/html; charset=ISO-8859-1"))).contains("caf\u00e9");
        byte[] meta = "<meta charset=\"iso-8859-1\"><title>caf\u00e9</title>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(OpenGraph.decode(meta, Optional.of("text/html"))).contains("caf\u00e9");
        assertThat(OpenGraph.decode("é".getBytes(StandardCharsets.UTF_8), Optional.empty())).isEqualTo("é");
    }

    @Test
    void thumbnailTargetsSnapToTheStandardSizes() {
        var crop = ThumbnailRequest.Method.CROP;
        var scale = ThumbnailRequest.Method.SCALE;
        assertThat(new ThumbnailRequest(20, 20, crop, false).target()).isEqualTo(new ThumbnailRequest(32, 32, crop, false));
        assertThat(new ThumbnailRequest(50, 50, crop, false).target()).isEqualTo(new ThumbnailRequest(96, 96, crop, false));
        assertThat(new ThumbnailRequest(100, 50, crop, false).target()).isEqualTo(new ThumbnailRequest(100, 50, crop, false));
        assertThat(new ThumbnailRequest(100, 100, scale, true).target()).isEqualTo(new ThumbnailRequest(320, 240, scale, true));
        assertThat(new ThumbnailRequest(700, 500, scale, false).target()).isEqualTo(new ThumbnailRequest(800, 600, scale, false));
        assertThat(new ThumbnailRequest(1000, 50, scale, false).target()).isEqualTo(new ThumbnailRequest(1000, 50, scale, false));
    }
}
