package dev.parley.store;

import java.util.Optional;

/** Cached URL previews. */
public interface UrlPreviewStore {
    void save(UrlPreviewRow row);

    /** The newest preview of {@code url} fetched at or before {@code atTs} and not expired at {@code nowTs}. */
    Optional<UrlPreviewRow> latest(String url, long atTs, long nowTs);

    /** @return how many expired previews were deleted */
    int deleteExpired(long nowTs);
}
