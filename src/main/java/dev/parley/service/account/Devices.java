package dev.parley.service.account;

import dev.parley.api.client.GetDevices;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.store.DeviceRow;
import dev.parley.store.DeviceStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A user's devices (Client-Server API, "Device management"). */
public final class Devices {
    private final DeviceStore devices;
    private final DeviceActivity activity;
    private final Sessions sessions;

    public Devices(DeviceStore devices, DeviceActivity activity, Sessions sessions) {
        this.devices = devices;
        this.activity = activity;
        this.sessions = sessions;
    }

    public List<GetDevices.Device> list(UserId userId) {
        return devices.list(userId).stream().map(this::withLatestActivity).toList();
    }

    /** @throws MatrixException {@code M_NOT_FOUND} for a device the user does not have */
    public GetDevices.Device get(UserId userId, String deviceId) {
        return devices.find(userId, deviceId).map(this::withLatestActivity)
                .orElseThrow(() -> MatrixException.notFound("Unknown device"));
    }

    public void rename(UserId userId, String deviceId, Optional<String> displayName) {
        if (!devices.setDisplayName(userId, deviceId, displayName)) {
            throw MatrixException.notFound("Unknown device");
        }
    }

    /** Deletes devices and logs them out; unknown devices are ignored, as the spec allows. */
    public void delete(UserId userId, Collection<String> deviceIds) {
        devices.delete(userId, deviceIds);
        sessions.evict(userId);
    }

    /** Logs out every other device (a password change with {@code logout_devices}). */
    public void deleteAllExcept(UserId userId, Optional<String> keep) {
        devices.deleteAllExcept(userId, keep);
        sessions.evict(userId);
    }

    /**
     * The user's devices, each with its most recent sighting (time, address, user agent) even
     * when that is not yet written.
     */
    public List<DeviceRow> lastSeen(UserId userId) {
        return devices.list(userId).stream().map(this::withLatestSighting).toList();
    }

    /** The spec's Device object, with a sighting newer than the stored one if there is one. */
    private GetDevices.Device withLatestActivity(DeviceRow stored) {
        DeviceRow row = withLatestSighting(stored);
        return new GetDevices.Device(row.deviceId(), row.displayName().orElse(null),
                row.lastSeenIp().orElse(null), row.lastSeenTs().orElse(null));
    }

    private DeviceRow withLatestSighting(DeviceRow row) {
        return activity.latest(row.userId(), row.deviceId())
                .filter(seen -> row.lastSeenTs().map(ts -> seen.ts() > ts).orElse(true))
                .map(seen -> new DeviceRow(row.userId(), row.deviceId(), row.displayName(), row.createdTs(),
                        Optional.of(seen.ts()), Optional.ofNullable(seen.ip()), Optional.ofNullable(seen.userAgent())))
                .orElse(row);
    }
}
