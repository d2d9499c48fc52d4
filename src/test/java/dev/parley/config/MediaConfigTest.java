package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.config.MediaConfig.UnauthenticatedAccess;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaConfigTest {
    @TempDir
    Path dir;

    private ParleyConfig load(String yaml) throws Exception {
        Path file = dir.resolve("parley.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of());
    }

    @Test
    void theGeneratedFileAndTheBuiltInDefaultsAgree() throws Exception {
        MediaConfig generated = load(ConfigGenerator.generate(
                new ConfigGenerator.Options("example.org", dir, 8008, 9008, false))).media();
        MediaConfig minimal = load("server_name: example.org\n").media();
        assertThat(generated).isEqualTo(minimal);
        assertThat(minimal.path()).isEqualTo(dir.resolve("media"));
        assertThat(minimal.maxUploadBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(minimal.unusedExpiry()).isEqualTo(Duration.ofHours(24));
        assertThat(minimal.unauthenticatedAccess()).isEqualTo(UnauthenticatedAccess.FROZEN);
        assertThat(minimal.urlPreview().enabled()).isTrue();
        assertThat(minimal.urlPreview().denylist()).extracting(IpRange::text).containsExactlyElementsOf(IpRange.SPECIAL_PURPOSE);
        assertThat(minimal.urlPreview().allowlist()).isEmpty();
    }

    @Test
    void everyProblemNamesItsKey() {
        assertThatThrownBy(() -> load("""
                server_name: example.org
                media:
                  max_upload_bytes: 0
                  unauthenticated_access: sometimes
                  url_preview:
                    ip_range_denylist: [10.0.0.0/33, evil.example]
                    timeout_seconds: forever
                    colour: blue
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("media.max_upload_bytes")
                .hasMessageContaining("media.unauthenticated_access")
                .hasMessageContaining("media.url_preview.ip_range_denylist: '10.0.0.0/33'")
                .hasMessageContaining("media.url_preview.ip_range_denylist: 'evil.example'")
                .hasMessageContaining("media.url_preview.timeout_seconds")
                .hasMessageContaining("media.url_preview.colour: unknown key");
    }

    @Test
    void ipRangesMatchTheirBlocksOnly() throws Exception {
        IpRange ten = IpRange.parse("10.0.0.0/8");
        assertThat(ten.contains(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(ten.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(ten.contains(InetAddress.getByName("::ffff:10.1.1.1"))).isTrue();
        IpRange cgnat = IpRange.parse("100.64.0.0/10");
        assertThat(cgnat.contains(InetAddress.getByName("100.127.255.255"))).isTrue();
        assertThat(cgnat.contains(InetAddress.getByName("100.128.0.0"))).isFalse();
        IpRange linkLocal = IpRange.parse("fe80::/10");
        assertThat(linkLocal.contains(InetAddress.getByName("fe80::1"))).isTrue();
        assertThat(linkLocal.contains(InetAddress.getByName("fec0::1"))).isFalse();
        assertThat(linkLocal.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
        IpRange one = IpRange.parse("192.0.2.7");
        assertThat(one.contains(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(one.contains(InetAddress.getByName("192.0.2.8"))).isFalse();
        assertThat(IpRange.parse("::ffff:10.0.0.0/104").contains(InetAddress.getByName("10.9.9.9"))).isTrue();
    }
}
