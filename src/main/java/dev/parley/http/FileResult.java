package dev.parley.http;

import java.nio.file.Path;
import java.util.Map;

/**
 * A response whose body is a file, streamed from disk (never held in memory) with support for
 * single byte ranges: {@code Range: bytes=a-b} answers 206 with {@code Content-Range}, an
 * unsatisfiable range answers 416. Media downloads and thumbnails leave this way.
 *
 * @param file the file to send; it must not change while being sent (media files never do)
 * @param length its size in bytes
 * @param contentType the {@code Content-Type} to send
 * @param headers extra headers ({@code Content-Disposition}, security headers, caching)
 */
public record FileResult(Path file, long length, String contentType, Map<String, String> headers) {
    public FileResult {
        headers = Map.copyOf(headers);
    }
}
