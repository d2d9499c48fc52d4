package dev.parley.service.media;

import dev.parley.config.MediaConfig;
import dev.parley.config.MediaConfig.UnauthenticatedAccess;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.MxcUri;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.store.MediaRow;
import dev.parley.store.MediaStore;
import dev.parley.store.ThumbnailRow;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The content repository: uploads (direct, and asynchronous through a reserved URI), downloads
 * and thumbnails of local media, the freeze of the unauthenticated endpoints, and quarantine.
 * Spec: Client-Server API, "Content repository".
 *
 * <p>Media of other servers is answered {@code 404 M_NOT_FOUND} until federation can fetch it;
 * the store already keys media by (origin, media ID) so cached remote media will fit beside
 * local media.
 */
public final class MediaService {
    /** The spec's default for {@code timeout_ms}. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
    /** The cap the spec asks servers to impose on {@code timeout_ms}. */
    private static final Duration MAX_WAIT = Duration.ofMinutes(2);
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 24;
    private static final int MAX_NAME_LENGTH = 255;

    private final MediaStore store;
    private final MediaFiles files;
    private final Thumbnailer thumbnailer;
    private final ServerName serverName;
    private final MediaConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final UploadWaiters waiters = new UploadWaiters();
    /** Striped locks: one generation per thumbnail key at a time. */
    private final ReentrantLock[] thumbnailLocks = new ReentrantLock[64];
    /** Thumbnailing is CPU-bound: no more at once than there are cores. */
    private final Semaphore thumbnailSlots = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    /** Who is asking for content: the deprecated endpoints are subject to the freeze. */
    public enum Access {
        AUTHENTICATED, UNAUTHENTICATED
    }

    /** A URI reserved by {@code POST /_matrix/media/v1/create}. */
    public record Reservation(MxcUri uri, long unusedExpiresAt) {
    }

    public MediaService(MediaStore store, MediaFiles files, Thumbnailer thumbnailer, ServerName serverName,
                        MediaConfig config, Clock clock) {
        this.store = store;
        this.files = files;
        this.thumbnailer = thumbnailer;
        this.serverName = serverName;
        this.config = config;
        this.clock = clock;
        for (int i = 0; i < thumbnailLocks.length; i++) {
            thumbnailLocks[i] = new ReentrantLock();
        }
    }

    public long maxUploadBytes() {
        return config.maxUploadBytes();
    }

    /** {@code POST /_matrix/media/v3/upload}: stores the content under a new URI. */
    public MxcUri upload(UserId user, Optional<String> contentType, Optional<String> fileName, InputStream body) {
        String type = contentType(contentType);
        Optional<String> name = fileName(fileName);
        MediaFiles.Stored stored = files.write(body);
        long now = clock.millis();
        MxcUri uri = new MxcUri(serverName, newMediaId());
        store.create(new MediaRow(serverName, uri.mediaId(), Optional.of(user), Optional.of(type), name,
                Optional.of(stored.sha256()), Optional.of(stored.size()), now, Optional.of(now), Optional.empty(),
                false, unauthenticatedAccessForNewMedia()));
        return uri;
    }

    /** {@code POST /_matrix/media/v1/create}: reserves a URI whose content comes later. */
    public Reservation create(UserId user) {
        long now = clock.millis();
        store.deleteExpiredPending(now);
        if (store.countPending(user, now) >= config.maxPendingUploads()) {
            throw new MatrixException(ErrCode.LIMIT_EXCEEDED,
                    "Too many pending uploads; upload to or let expire the URIs already created",
                    Map.of("retry_after_ms", 60_000L));
        }
        long expires = now + config.unusedExpiry().toMillis();
        MxcUri uri = new MxcUri(serverName, newMediaId());
        store.create(new MediaRow(serverName, uri.mediaId(), Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), now, Optional.empty(), Optional.of(expires), false,
                unauthenticatedAccessForNewMedia()));
        return new Reservation(uri, expires);
    }

    /** {@code PUT /_matrix/media/v3/upload/{serverName}/{mediaId}}: the content of a reserved URI. */
    public void uploadTo(UserId user, String server, String mediaId, Optional<String> contentType,
                         Optional<String> fileName, InputStream body) {
        MxcUri uri = uri(server, mediaId);
        MediaRow row = (uri.serverName().equals(serverName) ? store.find(serverName, uri.mediaId()) : Optional.<MediaRow>empty())
                .orElseThrow(() -> MatrixException.notFound("Unknown media ID"));
        if (!row.userId().equals(Optional.of(user))) {
            throw MatrixException.forbidden("This media ID was created by another user");
        }
        if (row.uploaded()) {
            throw new MatrixException(ErrCode.CANNOT_OVERWRITE_MEDIA, "Media already uploaded");
        }
        if (row.unusedExpiresTs().map(t -> t <= clock.millis()).orElse(false)) {
            throw MatrixException.notFound("This media ID has expired");
        }
        String type = contentType(contentType);
        Optional<String> name = fileName(fileName);
        MediaFiles.Stored stored = files.write(body);
        if (!store.completeUpload(serverName, uri.mediaId(), type, name, stored.sha256(), stored.size(), clock.millis())) {
            // Another upload to the same URI finished first.
            throw new MatrixException(ErrCode.CANNOT_OVERWRITE_MEDIA, "Media already uploaded");
        }
        waiters.uploaded(uri.toString());
    }

    /** The content of {@code mxc://server/mediaId}, waiting up to {@code timeout} for a pending upload. */
    public MediaContent download(String server, String mediaId, Optional<Duration> timeout, Access access) {
        MediaRow row = uploadedMedia(server, mediaId, timeout, access);
        return new MediaContent(files.path(row.sha256().orElseThrow()), row.sizeBytes().orElseThrow(),
                row.contentType().orElse("application/octet-stream"), row.uploadName());
    }

    /** A thumbnail of {@code mxc://server/mediaId}, generated on first request and kept. */
    public MediaContent thumbnail(String server, String mediaId, ThumbnailRequest request, Optional<Duration> timeout,
                                  Access access) {
        MediaRow row = uploadedMedia(server, mediaId, timeout, access);
        String type = row.contentType().orElse("application/octet-stream");
        if (!Thumbnailer.mayThumbnail(type)) {
            throw new MatrixException(ErrCode.UNKNOWN, "Cannot generate thumbnails for the requested content");
        }
        ThumbnailRequest target = request.target();
        ReentrantLock lock = thumbnailLocks[Math.floorMod(
                (row.origin().value() + "/" + row.mediaId() + "/" + target).hashCode(), thumbnailLocks.length)];
        lock.lock();
        try {
            Optional<ThumbnailRow> cached = store.findThumbnail(row.origin(), row.mediaId(), target.width(),
                    target.height(), target.method().wireName(), target.animated());
            if (cached.isPresent() && files.exists(cached.get().sha256())) {
                return thumbnailContent(cached.get());
            }
            return thumbnailContent(generate(row, type, target));
        } finally {
            lock.unlock();
        }
    }

    private ThumbnailRow generate(MediaRow row, String type, ThumbnailRequest target) {
        Path source = files.path(row.sha256().orElseThrow());
        Thumbnailer.Result result;
        thumbnailSlots.acquireUninterruptibly();
        try {
            result = thumbnailer.thumbnail(source, type, target);
        } finally {
            thumbnailSlots.release();
        }
        ThumbnailRow thumbnail = switch (result) {
            case Thumbnailer.Original o -> new ThumbnailRow(row.origin(), row.mediaId(), target.width(), target.height(),
                    target.method().wireName(), target.animated(), Thumbnailer.baseType(type), row.sha256().orElseThrow(),
                    row.sizeBytes().orElseThrow(), 0, 0, clock.millis());
            case Thumbnailer.Generated g -> {
                MediaFiles.Stored stored = files.write(g.bytes());
                yield new ThumbnailRow(row.origin(), row.mediaId(), target.width(), target.height(),
                        target.method().wireName(), target.animated(), g.contentType(), stored.sha256(), stored.size(),
                        g.pixelWidth(), g.pixelHeight(), clock.millis());
            }
        };
        store.saveThumbnail(thumbnail);
        return thumbnail;
    }

    private MediaContent thumbnailContent(ThumbnailRow row) {
        return new MediaContent(files.path(row.sha256()), row.sizeBytes(), row.contentType(), Optional.empty());
    }

    /**
     * Quarantines (or releases) a media item: quarantined media is answered {@code 404 M_NOT_FOUND}
     * everywhere, and its bytes stay on disk for the admins to inspect.
     *
     * @return whether the item exists
     */
    public boolean quarantine(MxcUri uri, boolean quarantined) {
        return store.setQuarantined(uri.serverName(), uri.mediaId(), quarantined);
    }

    /** Stores bytes fetched by the server itself (a URL preview's image) as new local media. */
    MxcUri storeFetched(UserId requester, String contentType, byte[] bytes) {
        MediaFiles.Stored stored = files.write(bytes);
        long now = clock.millis();
        MxcUri uri = new MxcUri(serverName, newMediaId());
        store.create(new MediaRow(serverName, uri.mediaId(), Optional.of(requester), Optional.of(contentType(Optional.of(contentType))),
                Optional.empty(), Optional.of(stored.sha256()), Optional.of(stored.size()), now, Optional.of(now),
                Optional.empty(), false, unauthenticatedAccessForNewMedia()));
        return uri;
    }

    private MediaRow uploadedMedia(String server, String mediaId, Optional<Duration> timeout, Access access) {
        MxcUri uri = uri(server, mediaId);
        if (!uri.serverName().equals(serverName)) {
            // Remote media arrives with federation; until then we have none to give.
            throw MatrixException.notFound("Media not found");
        }
        MediaRow row = visible(store.find(serverName, uri.mediaId()), access);
        if (!row.uploaded()) {
            if (row.unusedExpiresTs().map(t -> t <= clock.millis()).orElse(false)) {
                throw MatrixException.notFound("Media not found");
            }
            Duration wait = timeout.orElse(DEFAULT_WAIT);
            wait = wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
            boolean arrived = waiters.await(uri.toString(), wait,
                    () -> store.find(serverName, uri.mediaId()).map(MediaRow::uploaded).orElse(false));
            if (!arrived) {
                throw new MatrixException(ErrCode.NOT_YET_UPLOADED, "Content has not yet been uploaded");
            }
            row = visible(store.find(serverName, uri.mediaId()), access);
        }
        return row;
    }

    private MediaRow visible(Optional<MediaRow> found, Access access) {
        MediaRow row = found.orElseThrow(() -> MatrixException.notFound("Media not found"));
        if (row.quarantined()) {
            throw MatrixException.notFound("Media not found");
        }
        if (access == Access.UNAUTHENTICATED) {
            boolean served = switch (config.unauthenticatedAccess()) {
                case OPEN -> true;
                case FROZEN -> row.unauthenticatedAccess();
                case OFF -> false;
            };
            if (!served) {
                throw MatrixException.notFound(
                        "Media not found: use the authenticated endpoint /_matrix/client/v1/media/download");
            }
        }
        return row;
    }

    private boolean unauthenticatedAccessForNewMedia() {
        return config.unauthenticatedAccess() == UnauthenticatedAccess.OPEN;
    }

    private static MxcUri uri(String server, String mediaId) {
        if (!ServerName.isValid(server)) {
            throw MatrixException.invalidParam("Invalid server name");
        }
        if (!MxcUri.isValidMediaId(mediaId)) {
            // Such an ID can never have been issued, here or anywhere.
            throw MatrixException.notFound("Media not found");
        }
        return new MxcUri(ServerName.parse(server), mediaId);
    }

    /** The given type, or {@code application/octet-stream} when absent or not a plausible media type. */
    private static String contentType(Optional<String> given) {
        return given.map(String::trim)
                .filter(t -> t.length() <= MAX_NAME_LENGTH && t.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;[\\x20-\\x7e]*)?"))
                .orElse("application/octet-stream");
    }

    private static Optional<String> fileName(Optional<String> given) {
        if (given.isEmpty() || given.get().isEmpty()) {
            return Optional.empty();
        }
        String name = given.get();
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw MatrixException.invalidParam("filename must be at most " + MAX_NAME_LENGTH
                    + " characters without control characters");
        }
        return Optional.of(name);
    }

    private String newMediaId() {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
