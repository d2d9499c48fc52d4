package dev.parley.core.room;

/** How a room version forms event IDs (room version pages, "Event IDs"). */
public enum EventIdFormat {
    /** v1, v2: {@code $opaque_id:domain}, chosen by the sending server and carried in the event. */
    SERVER_SCOPED,
    /** v3: {@code $} + unpadded standard Base64 of the reference hash. */
    REFERENCE_HASH_BASE64,
    /** v4+: {@code $} + unpadded URL-safe Base64 of the reference hash. */
    REFERENCE_HASH_URL_SAFE
}
