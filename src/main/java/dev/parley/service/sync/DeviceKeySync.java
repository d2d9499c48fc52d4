package dev.parley.service.sync;

import dev.parley.core.id.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What sync reports about end-to-end encryption keys (Client-Server API, "End-to-end encryption",
 * "Extensions to /sync"): device-list changes on their own stream, one-time-key counts and unused
 * fallback key types of the syncing device. {@link #NONE} reports nothing until the E2EE keys
 * service provides an implementation.
 */
public interface DeviceKeySync {
    /**
     * @param changed users whose device lists changed after the {@code since} position
     * @param left users who no longer share an encrypted room with the syncing user
     */
    record Update(List<String> changed, List<String> left, Map<String, Long> oneTimeKeyCounts,
                  List<String> unusedFallbackKeyTypes) {
        static final Update EMPTY = new Update(List.of(), List.of(), Map.of(), List.of());
    }

    /** The device-list stream's current position. */
    long position();

    /** The changes in ({@code since}, {@code upTo}] and the device's key counts. */
    Update update(UserId user, Optional<String> deviceId, long since, long upTo);

    DeviceKeySync NONE = new DeviceKeySync() {
        @Override
        public long position() {
            return 0;
        }

        @Override
        public Update update(UserId user, Optional<String> deviceId, long since, long upTo) {
            return Update.EMPTY;
        }
    };
}
