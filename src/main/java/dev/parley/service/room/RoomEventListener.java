package dev.parley.service.room;

import dev.parley.store.StoredEvent;

/**
 * Told about every event once it is persisted, in stream order per room. Sync's notifier and
 * later federation, application-service and push senders subscribe; this package imports none
 * of them.
 */
@FunctionalInterface
public interface RoomEventListener {
    void onEvent(StoredEvent event);
}
