package dev.parley.config;

import dev.parley.config.MediaConfig.UnauthenticatedAccess;
import dev.parley.config.MediaConfig.UrlPreviewConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the {@code media} section; every problem names its key. */
final class MediaConfigReader {
    static final long DEFAULT_MAX_UPLOAD_BYTES = 50L * 1024 * 1024;

    private MediaConfigReader() {
    }

    static MediaConfig read(ConfigNode node, Path base, Path dataDir) {
        String rawPath = node.string("path", null);
        Path path = rawPath == null ? dataDir.resolve("media") : base.resolve(rawPath).normalize();
        long maxUpload = node.integer("max_upload_bytes", DEFAULT_MAX_UPLOAD_BYTES, 1, 1L << 40);
        long expiry = node.integer("unused_expiry_seconds", 86_400, 60, 30L * 86_400);
        int pending = (int) node.integer("max_pending_uploads", 10, 1, 10_000);
        long pixels = node.integer("max_thumbnail_source_pixels", 32L * 1024 * 1024, 1, 1L << 31);
        String access = node.string("unauthenticated_access", "frozen");
        UnauthenticatedAccess unauthenticated;
        try {
            unauthenticated = UnauthenticatedAccess.valueOf(access.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            node.problem("unauthenticated_access", "must be one of open, frozen, off, got '" + access + "'");
            unauthenticated = UnauthenticatedAccess.FROZEN;
        }
        UrlPreviewConfig preview = urlPreview(node.child("url_preview"));
        node.rejectUnknownKeys();
        return new MediaConfig(path, maxUpload, Duration.ofSeconds(expiry), pending, pixels, unauthenticated, preview);
    }

    private static UrlPreviewConfig urlPreview(ConfigNode node) {
        boolean enabled = node.bool("enabled", true);
        List<IpRange> deny = ranges(node, "ip_range_denylist", IpRange.SPECIAL_PURPOSE);
        List<IpRange> allow = ranges(node, "ip_range_allowlist", List.of());
        long maxPage = node.integer("max_page_bytes", 10L * 1024 * 1024, 1024, 1L << 30);
        long timeout = node.integer("timeout_seconds", 10, 1, 300);
        long cache = node.integer("cache_seconds", 3600, 0, 30L * 86_400);
        node.rejectUnknownKeys();
        return new UrlPreviewConfig(enabled, deny, allow, maxPage, Duration.ofSeconds(timeout), Duration.ofSeconds(cache));
    }

    private static List<IpRange> ranges(ConfigNode node, String key, List<String> fallback) {
        List<IpRange> out = new ArrayList<>();
        for (String cidr : node.strings(key, fallback)) {
            try {
                out.add(IpRange.parse(cidr));
            } catch (IllegalArgumentException e) {
                node.problem(key, e.getMessage());
            }
        }
        return out;
    }
}
