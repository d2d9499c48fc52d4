package dev.parley.store;

import dev.parley.core.id.UserId;

/** A report of the user {@code target} by the user {@code reporter}. */
public record UserReportRow(long id, long receivedTs, UserId target, UserId reporter, String reason) {
}
