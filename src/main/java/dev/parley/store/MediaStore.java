package dev.parley.store;

import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import java.util.Optional;

/** Media items (local uploads and, later, cached remote media) and their thumbnails. */
public interface MediaStore {
    /** Inserts a new item; a duplicate (origin, media ID) is a {@link StoreException}. */
    void create(MediaRow row);

    Optional<MediaRow> find(ServerName origin, String mediaId);

    /**
     * Gives a reserved item its content, once: only an item without content yet is updated.
     *
     * @return false when the item does not exist or already has content
     */
    boolean completeUpload(ServerName origin, String mediaId, String contentType, Optional<String> uploadName,
                           String sha256, long sizeBytes, long uploadedTs);

    /** Reserved items of a user still waiting for content and not expired at {@code nowTs}. */
    int countPending(UserId userId, long nowTs);

    /** Deletes reserved items whose upload window closed before {@code nowTs}; returns how many. */
    int deleteExpiredPending(long nowTs);

    /** @return whether the item exists */
    boolean setQuarantined(ServerName origin, String mediaId, boolean quarantined);

    Optional<ThumbnailRow> findThumbnail(ServerName origin, String mediaId, int width, int height, String method,
                                         boolean animated);

    /** Records a thumbnail; one already recorded for the same key is kept. */
    void saveThumbnail(ThumbnailRow row);
}
