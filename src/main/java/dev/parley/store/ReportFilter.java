package dev.parley.store;

import java.util.Optional;

/**
 * What an admin narrows a report listing to, as Synapse's admin API does: reports whose reporter's
 * user ID contains {@code reporter}, and (event and room reports) whose room ID contains
 * {@code roomId}, or (user reports) whose reported user's ID contains {@code target}.
 */
public record ReportFilter(Optional<String> reporter, Optional<String> roomId, Optional<String> target) {
    public static final ReportFilter NONE = new ReportFilter(Optional.empty(), Optional.empty(), Optional.empty());
}
