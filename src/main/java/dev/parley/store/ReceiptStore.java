package dev.parley.store;

import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Read receipts: the latest receipt per room, type, user and thread, each write at the next
 * position of the receipts stream.
 */
public interface ReceiptStore {
    /**
     * Stores the receipt unless the same user's receipt of this type and thread already points at
     * an event at or after {@code eventPosition} (receipts only move forward).
     *
     * @return the stream position the write took; empty when nothing changed
     */
    OptionalLong put(RoomId room, String receiptType, UserId user, Optional<String> threadId, EventId eventId,
                     long eventPosition, long ts);

    /** The receipts in these rooms written at positions in ({@code after}, {@code upTo}], oldest first. */
    List<ReceiptRow> inRooms(Collection<RoomId> rooms, long after, long upTo);

    /** The highest position handed out; every write at or below it has committed. */
    long position();
}
