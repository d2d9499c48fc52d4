package dev.parley.http.media;

import dev.parley.http.FileResult;
import dev.parley.service.media.MediaContent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How media is served safely (Client-Server API, "Content repository" and its "Serving inline
 * content"): the recommended sandboxing {@code Content-Security-Policy}, no MIME sniffing,
 * cross-origin readable, and {@code inline} only for types that cannot script a page.
 */
final class MediaHeaders {
    /** The spec's recommended policy. */
    static final String CONTENT_SECURITY_POLICY =
            "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf; style-src 'unsafe-inline'; object-src 'self';";

    /** Types the spec lists as safe to serve with {@code Content-Disposition: inline}. */
    private static final Set<String> INLINE_TYPES = Set.of(
            "text/css", "text/plain", "text/csv", "application/json", "application/ld+json",
            "image/jpeg", "image/gif", "image/png", "image/apng", "image/webp", "image/avif",
            "video/mp4", "video/webm", "video/ogg", "video/quicktime",
            "audio/mp4", "audio/webm", "audio/aac", "audio/mpeg", "audio/ogg", "audio/wave", "audio/wav",
            "audio/x-wav", "audio/x-pn-wav", "audio/flac", "audio/x-flac");

    private MediaHeaders() {
    }

    /** A download: the upload's name (or the one in the path) and inline only for safe types. */
    static FileResult download(MediaContent content, Optional<String> nameOverride) {
        Optional<String> name = nameOverride.or(content::uploadName);
        String disposition = (INLINE_TYPES.contains(baseType(content.contentType())) ? "inline" : "attachment")
                + name.map(n -> "; " + filenameParameter(n)).orElse("");
        return new FileResult(content.file(), content.size(), content.contentType(), headers(disposition));
    }

    /** A thumbnail: always inline (thumbnails are images of the spec's thumbnail types). */
    static FileResult thumbnail(MediaContent content) {
        String extension = switch (baseType(content.contentType())) {
            case "image/jpeg" -> "jpg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default -> "png";
        };
        return new FileResult(content.file(), content.size(), content.contentType(),
                headers("inline; filename=\"thumbnail." + extension + "\""));
    }

    private static Map<String, String> headers(String disposition) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", disposition);
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cross-Origin-Resource-Policy", "cross-origin");
        // Content under an mxc:// URI never changes; it is private to the requester's session.
        headers.put("Cache-Control", "private, max-age=86400, immutable");
        return headers;
    }

    /**
     * {@code filename="…"} for plain ASCII names, else RFC 6266's {@code filename*=UTF-8''…}
     * (which every current browser reads) so no name can break out of the header.
     */
    static String filenameParameter(String name) {
        boolean plain = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
        if (plain) {
            return "filename=\"" + name + "\"";
        }
        StringBuilder encoded = new StringBuilder("filename*=UTF-8''");
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return encoded.toString();
    }

    private static String baseType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
