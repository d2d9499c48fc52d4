package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.Optional;

/** One of a user's devices (a login), with when and where it was last seen. */
public record DeviceRow(UserId userId, String deviceId, Optional<String> displayName, long createdTs,
                        Optional<Long> lastSeenTs, Optional<String> lastSeenIp, Optional<String> lastSeenUserAgent) {
    public static DeviceRow create(UserId userId, String deviceId, Optional<String> displayName, long now) {
        return new DeviceRow(userId, deviceId, displayName, now, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
