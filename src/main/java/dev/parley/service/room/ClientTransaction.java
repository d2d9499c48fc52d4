package dev.parley.service.room;

import dev.parley.core.id.UserId;

/** A client's {@code PUT .../send/{eventType}/{txnId}}: the same device and ID mean the same event. */
public record ClientTransaction(UserId userId, String deviceId, String txnId) {
}
