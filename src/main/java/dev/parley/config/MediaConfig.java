package dev.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The content repository: where media lives, upload limits, the legacy unauthenticated
 * endpoints, and URL previews (the {@code media} section of the configuration).
 *
 * @param path directory of the content-addressed media files
 * @param maxUploadBytes largest upload accepted ({@code m.upload.size})
 * @param unusedExpiry how long an {@code mxc://} URI from {@code /create} waits for its upload
 * @param maxPendingUploads created-but-not-uploaded URIs one user may hold at once
 * @param maxThumbnailSourcePixels images with more pixels are not thumbnailed (413)
 * @param unauthenticatedAccess what the deprecated {@code /_matrix/media/v3/download|thumbnail} serve
 * @param urlPreview the {@code preview_url} endpoints
 */
public record MediaConfig(Path path, long maxUploadBytes, Duration unusedExpiry, int maxPendingUploads,
                          long maxThumbnailSourcePixels, UnauthenticatedAccess unauthenticatedAccess,
                          UrlPreviewConfig urlPreview) {

    /**
     * The spec's "freeze" of the deprecated unauthenticated media endpoints (Client-Server API,
     * "Content repository", Client behaviour).
     */
    public enum UnauthenticatedAccess {
        /** Every media item is served on the deprecated endpoints too. */
        OPEN,
        /**
         * Media stored while the server ran with {@code open} stays reachable there; media
         * stored (or remote media cached) while frozen is served only on the authenticated
         * endpoints. The spec's recommended behaviour.
         */
        FROZEN,
        /** The deprecated download and thumbnail endpoints answer 404 for everything. */
        OFF
    }

    /**
     * @param denylist ranges previews may not connect to (checked on every resolved address,
     *     redirects included)
     * @param allowlist exceptions to the deny-list
     * @param maxPageBytes largest page or image fetched for a preview
     * @param timeout limit on one fetch, connection to last byte
     * @param cacheDuration how long a preview is reused before the page is fetched again
     */
    public record UrlPreviewConfig(boolean enabled, List<IpRange> denylist, List<IpRange> allowlist,
                                   long maxPageBytes, Duration timeout, Duration cacheDuration) {
        public UrlPreviewConfig {
            denylist = List.copyOf(denylist);
            allowlist = List.copyOf(allowlist);
        }
    }
}
