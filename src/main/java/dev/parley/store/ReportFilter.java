package dev.parley.store;

import dev.parley.core.id.RoomId;
import java.util.Optional;
import java.util.Set;

/**
 * Reports whose reporter's user ID contains {@code reporter}, and (event and room reports) whose
 * room ID contains {@code roomId} and is one of {@code rooms}, or (user reports) whose reported
 * user's ID contains {@code target}; case-insensitive, empty meaning any.
 */
public record ReportFilter(Optional<String> reporter, Optional<String> roomId, Optional<Set<RoomId>> rooms,
                           Optional<String> target) {
}
