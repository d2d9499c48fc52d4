package dev.parley.store.jdbc;

import dev.parley.core.id.UserId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Appends to the device-list stream inside the caller's transaction, so a change of devices or
 * keys and its stream entry commit together (device deletion, key uploads, cross-signing).
 */
final class DeviceListRows {
    private DeviceListRows() {
    }

    static long append(Connection c, UserId user) throws SQLException {
        long position = StreamCounters.advance(c, StreamCounters.DEVICE_LISTS, 1);
        Sql.update(c, "INSERT INTO device_list_stream (stream_pos, user_id) VALUES (?, ?)", position, user.value());
        return position;
    }

    /**
     * Devices were just deleted: their keys went with them (foreign keys), signatures made by
     * or over them go now, and the user's device list changed.
     */
    static void devicesDeleted(Connection c, UserId user, Collection<String> deviceIds) throws SQLException {
        for (String deviceId : deviceIds) {
            Sql.update(c, "DELETE FROM e2e_signatures WHERE target_user_id = ? AND target_key_id = ?",
                    user.value(), deviceId);
            Sql.update(c, "DELETE FROM e2e_signatures WHERE signer_user_id = ? AND signer_key_id = ?",
                    user.value(), "ed25519:" + deviceId);
        }
        append(c, user);
    }
}
