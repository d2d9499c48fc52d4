package dev.parley.service.e2ee;

import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.service.notify.Notifier;
import dev.parley.store.CrossSigningStore;
import dev.parley.store.DeviceListStore;
import dev.parley.store.DeviceStore;
import dev.parley.store.E2eeKeyStore;
import dev.parley.store.KeyBackupStore;
import dev.parley.store.RoomMemberStore;

/** The end-to-end encryption services, built together because they share stores and device-list tracking. */
public record E2ee(KeyUploads uploads, KeyQueries queries, CrossSigning crossSigning, DeviceLists deviceLists,
                   KeyBackups backups, DeviceListStore stream, CrossSigningStore crossSigningStore,
                   CachedKeyCounts keys) {

    public static E2ee create(E2eeKeyStore store, CrossSigningStore crossSigning, DeviceListStore stream,
                              KeyBackupStore backups, RoomMemberStore members, ServerName serverName, Notifier notifier) {
        CachedKeyCounts keys = new CachedKeyCounts(store);
        DeviceLists deviceLists = new DeviceLists(stream, keys, members, notifier);
        return new E2ee(new KeyUploads(keys, deviceLists), new KeyQueries(keys, crossSigning, serverName),
                new CrossSigning(crossSigning, keys, deviceLists), deviceLists, new KeyBackups(backups), stream,
                crossSigning, keys);
    }

    /** The account services' device store, with device deletions and renames tracked as device-list changes. */
    public DeviceStore tracking(DeviceStore devices) {
        return new DeviceChangeTracking(devices, stream, deviceLists, keys);
    }

    /**
     * Account deactivation: the devices (and so their keys) are already gone; the cross-signing
     * keys and backups go too, and users sharing a room hear of it.
     */
    public void deactivated(UserId user) {
        keys.forget(user);
        crossSigningStore.deleteAll(user);
        backups.deleteAll(user);
        deviceLists.changed(user);
    }
}
