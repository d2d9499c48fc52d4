package dev.parley.store;

import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.Optional;

/**
 * One user's receipt of one type in a room (Client-Server API, "Receipts").
 *
 * @param threadId empty for an unthreaded receipt; {@code main} or a thread root's event ID otherwise
 * @param eventPosition the receipted event's stream ordering
 * @param streamPos the receipts stream position of this write
 */
public record ReceiptRow(RoomId roomId, String receiptType, UserId userId, Optional<String> threadId, EventId eventId,
                         long eventPosition, long ts, long streamPos) {
}
