package dev.parley.store;

import dev.parley.core.id.ServerName;

/**
 * A generated thumbnail of one media item.
 *
 * @param width the target width it was generated for (not its pixel width)
 * @param height the target height it was generated for
 * @param method {@code crop} or {@code scale}
 * @param animated whether it answers requests that asked for an animated thumbnail
 * @param sha256 names its file, like media content
 */
public record ThumbnailRow(ServerName origin, String mediaId, int width, int height, String method,
                           boolean animated, String contentType, String sha256, long sizeBytes, int pixelWidth, int pixelHeight,
                           long createdTs) {
}
