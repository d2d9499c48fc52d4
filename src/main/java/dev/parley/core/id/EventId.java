package dev.parley.core.id;

import java.util.Optional;

/**
 * An event ID. Its form depends on the room version (spec appendix "Event IDs" and the room
 * version pages' "Event IDs" sections):
 * <ul>
 *   <li>v1, v2: {@code $opaque_id:domain};</li>
 *   <li>v3: {@code $} + unpadded standard Base64 of the event's reference hash;</li>
 *   <li>v4+: {@code $} + unpadded URL-safe Base64 of the reference hash.</li>
 * </ul>
 * This record accepts any of those forms; which one a room allows is the room version's business.
 * The whole ID may not exceed 255 bytes.
 */
public record EventId(String value) {
    public EventId {
        IdentifierGrammar.requireSigil(value, '$', "Event ID");
        IdentifierGrammar.requireMaxBytes(value, "Event ID");
        String problem = problem(value);
        if (problem != null) {
            throw IdentifierGrammar.invalid("Invalid event ID '" + value + "': " + problem);
        }
    }

    public static EventId parse(String value) {
        return new EventId(value);
    }

    public static boolean isValid(String value) {
        return value != null && !value.isEmpty() && value.charAt(0) == '$'
                && IdentifierGrammar.utf8Length(value) <= IdentifierGrammar.MAX_ID_BYTES
                && problem(value) == null;
    }

    /** True for the v1/v2 form {@code $opaque:domain}. */
    public boolean hasDomain() {
        return value.indexOf(':') >= 0;
    }

    /** The domain of a v1/v2 event ID. */
    public Optional<ServerName> domain() {
        int colon = value.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(new ServerName(value.substring(colon + 1)));
    }

    /** A hash-form ID that is valid standard Base64 (room version 3). */
    public boolean isStandardBase64Hash() {
        return !hasDomain() && !ReferenceHashText.containsAny(value, '-', '_');
    }

    /** A hash-form ID that is valid URL-safe Base64 (room versions 4+). */
    public boolean isUrlSafeBase64Hash() {
        return !hasDomain() && !ReferenceHashText.containsAny(value, '+', '/');
    }

    @Override
    public String toString() {
        return value;
    }

    private static String problem(String s) {
        int colon = s.indexOf(':');
        if (colon >= 0) {
            if (!IdentifierGrammar.isOpaqueLocalpart(s, 1, colon)) {
                return "bad opaque part";
            }
            return ServerName.isValid(s.substring(colon + 1)) ? null : "bad server name";
        }
        return ReferenceHashText.isValid(s, 1) ? null : "not a 43-character Base64 reference hash";
    }
}
