package dev.parley.service.media;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Content ready to be sent: a file on disk and how to describe it.
 *
 * @param uploadName the file name given at upload, if any
 */
public record MediaContent(Path file, long size, String contentType, Optional<String> uploadName) {
}
