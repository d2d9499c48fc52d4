package dev.parley.service.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.config.MediaConfig.UrlPreviewConfig;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.MxcUri;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.store.UrlPreviewRow;
import dev.parley.store.UrlPreviewStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /_matrix/client/v1/media/preview_url}: fetches a page (never from a denied
 * address, see {@link AddressPolicy}), reads its OpenGraph data, stores its {@code og:image} as
 * media and answers the {@code mxc://} URI in its place, and caches the result. Spec:
 * Client-Server API, "Content repository", {@code getUrlPreviewAuthed}.
 */
public final class UrlPreviewService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UrlPreviewService.class);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final UrlPreviewConfig config;
    private final UrlPreviewStore cache;
    private final MediaService media;
    private final Clock clock;
    private final PageFetcher fetcher;

    public UrlPreviewService(UrlPreviewConfig config, UrlPreviewStore cache, MediaService media, Clock clock) {
        this.config = config;
        this.cache = cache;
        this.media = media;
        this.clock = clock;
        this.fetcher = config.enabled()
                ? new PageFetcher(new AddressPolicy(config.denylist(), config.allowlist()), config.maxPageBytes(),
                        config.timeout())
                : null;
    }

    /**
     * @param ts the point in time the client would like a preview for; a newer one may be given
     * @return the OpenGraph object (possibly empty)
     */
    public Map<String, Object> preview(UserId requester, String url, Optional<Long> ts) {
        if (fetcher == null) {
            throw new MatrixException(ErrCode.UNRECOGNIZED, "URL previews are disabled on this server");
        }
        URI uri = parse(url);
        long now = clock.millis();
        Optional<UrlPreviewRow> cached = cache.latest(url, ts.orElse(now), now);
        if (cached.isPresent()) {
            try {
                return Json.MAPPER.readValue(cached.get().ogJson(), MAP);
            } catch (JsonProcessingException e) {
                log.warn("unreadable cached preview of {}; fetching again", url);
            }
        }
        Map<String, Object> og = fetchPreview(requester, uri);
        try {
            cache.save(new UrlPreviewRow(url, now, now + config.cacheDuration().toMillis(),
                    Json.MAPPER.writeValueAsString(og)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a preview is always serialisable", e);
        }
        return og;
    }

    private Map<String, Object> fetchPreview(UserId requester, URI uri) {
        PageFetcher.Fetched page = fetcher.fetch(uri);
        String type = page.contentType().map(Thumbnailer::baseType).orElse("application/octet-stream");
        Map<String, Object> og = new LinkedHashMap<>();
        if (type.startsWith("image/")) {
            if (!page.truncated()) {
                addImage(og, requester, type, page.bytes());
            }
            return og;
        }
        if (!type.equals("text/html") && !type.equals("application/xhtml+xml")) {
            return og;
        }
        Map<String, String> properties = OpenGraph.parse(OpenGraph.decode(page.bytes(), page.contentType()));
        properties.forEach((key, value) -> {
            if (!key.startsWith("og:image")) {
                og.put(key, value);
            }
        });
        Optional.ofNullable(properties.getOrDefault("og:image", properties.get("og:image:url")))
                .flatMap(image -> resolve(page.uri(), image))
                .ifPresent(image -> fetchImage(og, requester, image));
        return og;
    }

    private void fetchImage(Map<String, Object> og, UserId requester, URI image) {
        try {
            PageFetcher.Fetched fetched = fetcher.fetch(image);
            String type = fetched.contentType().map(Thumbnailer::baseType).orElse("");
            if (type.startsWith("image/") && !fetched.truncated()) {
                addImage(og, requester, type, fetched.bytes());
            }
        } catch (MatrixException e) {
            // A page whose image cannot be fetched still has a preview, without the image.
            log.debug("preview image {} not fetched: {}", image, e.getMessage());
        }
    }

    private void addImage(Map<String, Object> og, UserId requester, String type, byte[] bytes) {
        MxcUri uri = media.storeFetched(requester, type, bytes);
        og.put("og:image", uri.toString());
        og.put("og:image:type", type);
        Thumbnailer.dimensions(bytes).ifPresent(size -> {
            og.put("og:image:width", size[0]);
            og.put("og:image:height", size[1]);
        });
        og.put("matrix:image:size", (long) bytes.length);
    }

    private static Optional<URI> resolve(URI base, String reference) {
        try {
            return Optional.of(base.resolve(new URI(reference.trim().replace(" ", "%20"))));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw MatrixException.invalidParam("url must be an absolute http or https URL");
    }

    @Override
    public void close() {
        if (fetcher != null) {
            fetcher.close();
        }
    }
}
