package dev.parley.store;

import java.util.Optional;

/**
 * Reports whose reporter's user ID contains {@code reporter}, and (event and room reports) whose
 * room ID contains {@code roomId}, or (user reports) whose reported user's ID contains {@code target};
 * case-insensitive, empty meaning any.
 */
public record ReportFilter(Optional<String> reporter, Optional<String> roomId, Optional<String> target) {
}
