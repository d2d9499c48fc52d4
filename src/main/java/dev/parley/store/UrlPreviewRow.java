package dev.parley.store;

/**
 * A cached URL preview.
 *
 * @param ogJson the OpenGraph object as served, JSON text
 */
public record UrlPreviewRow(String url, long fetchedTs, long expiresTs, String ogJson) {
}
