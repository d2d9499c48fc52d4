package dev.parley.service.e2ee;

import dev.parley.core.id.UserId;
import dev.parley.store.DeviceListStore;
import dev.parley.store.DeviceRow;
import dev.parley.store.DeviceStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The device store the account services use, seen from device-list tracking: deleting devices
 * (logout, device management, password change) puts a change on the device-list stream in the
 * deleting transaction (the JDBC store does that); here the users sharing a room are woken. A
 * renamed device changes its {@code unsigned.device_display_name} in {@code /keys/query}, so
 * that is a change too. Deleted devices' keys go with them, so their cached key counts are forgotten.
 */
public final class DeviceChangeTracking implements DeviceStore {
    private final DeviceStore devices;
    private final DeviceListStore stream;
    private final DeviceLists deviceLists;
    private final CachedKeyCounts keys;

    public DeviceChangeTracking(DeviceStore devices, DeviceListStore stream, DeviceLists deviceLists,
                                CachedKeyCounts keys) {
        this.devices = devices;
        this.stream = stream;
        this.deviceLists = deviceLists;
        this.keys = keys;
    }

    @Override
    public boolean create(DeviceRow device) {
        return devices.create(device);
    }

    @Override
    public Optional<DeviceRow> find(UserId userId, String deviceId) {
        return devices.find(userId, deviceId);
    }

    @Override
    public List<DeviceRow> list(UserId userId) {
        return devices.list(userId);
    }

    @Override
    public boolean setDisplayName(UserId userId, String deviceId, Optional<String> displayName) {
        boolean renamed = devices.setDisplayName(userId, deviceId, displayName);
        if (renamed) {
            stream.deviceChanged(userId);
            deviceLists.changed(userId);
        }
        return renamed;
    }

    @Override
    public void delete(UserId userId, Collection<String> deviceIds) {
        try {
            devices.delete(userId, deviceIds);
        } finally {
            keys.forget(userId); // the devices' keys went with them; a device ID may come back
        }
        deviceLists.changed(userId);
    }

    @Override
    public void deleteAllExcept(UserId userId, Optional<String> keep) {
        try {
            devices.deleteAllExcept(userId, keep);
        } finally {
            keys.forget(userId);
        }
        deviceLists.changed(userId);
    }

    @Override
    public void recordLastSeen(Collection<LastSeen> seen) {
        devices.recordLastSeen(seen);
    }
}
