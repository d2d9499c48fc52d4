package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Devices; deleting a device deletes its access and refresh tokens with it. */
public interface DeviceStore {
    /** Creates the device; false (and nothing changed) when it already exists. */
    boolean create(DeviceRow device);

    Optional<DeviceRow> find(UserId userId, String deviceId);

    List<DeviceRow> list(UserId userId);

    /** @return false when there is no such device */
    boolean setDisplayName(UserId userId, String deviceId, Optional<String> displayName);

    /** Deletes devices (and their tokens); unknown IDs are ignored. */
    void delete(UserId userId, Collection<String> deviceIds);

    /** Deletes every device of the user except {@code keep}, with their tokens. */
    void deleteAllExcept(UserId userId, Optional<String> keep);

    /** A batch of last-seen updates, written in one transaction. */
    void recordLastSeen(Collection<LastSeen> seen);

    record LastSeen(UserId userId, String deviceId, long ts, String ip, String userAgent) {
    }
}
