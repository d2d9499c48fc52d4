package dev.parley.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import dev.parley.store.E2eeKeyStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class JdbcE2eeKeyStore implements E2eeKeyStore {
    /** A claim that loses a race for a key tries the next one; more losses than this in a row mean trouble. */
    private static final int CLAIM_ATTEMPTS = 1_000;

    private final Database db;

    public JdbcE2eeKeyStore(Database db) {
        this.db = db;
    }

    @Override
    public UploadOutcome upload(UserId user, String deviceId, Optional<ObjectNode> deviceKeys,
                                List<OneTimeKey> oneTimeKeys, List<OneTimeKey> fallbackKeys) {
        return db.write(c -> {
            // Serialises the user's uploads on PostgreSQL, so the checks below stay true until commit.
            UserRowLock.lock(c, db.dialect(), user);
            Optional<String> conflict = conflict(c, user, deviceId, deviceKeys, oneTimeKeys);
            if (conflict.isPresent()) {
                return new UploadOutcome(conflict, false, Map.of());
            }
            boolean changed = false;
            if (deviceKeys.isPresent()) {
                String json = JsonColumns.write(deviceKeys.get());
                changed = Sql.update(c, """
                        INSERT INTO e2e_device_keys (user_id, device_id, key_json) VALUES (?, ?, ?)
                        ON CONFLICT (user_id, device_id) DO UPDATE SET key_json = excluded.key_json
                        WHERE e2e_device_keys.key_json <> excluded.key_json""", user.value(), deviceId, json) > 0;
            }
            if (!oneTimeKeys.isEmpty()) {
                // Claims hand keys out in upload order (MSC4225): this call's keys come after every earlier call's.
                long uploadSeq = Sql.one(c, """
                        SELECT COALESCE(MAX(upload_seq), 0) + 1 FROM e2e_one_time_keys WHERE user_id = ? AND device_id = ?""",
                        rs -> rs.getLong(1), user.value(), deviceId).orElse(1L);
                for (OneTimeKey key : oneTimeKeys) {
                    Sql.update(c, """
                            INSERT INTO e2e_one_time_keys (user_id, device_id, algorithm, key_id, key_json, upload_seq)
                            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, device_id, algorithm, key_id) DO NOTHING""",
                            user.value(), deviceId, key.algorithm(), key.keyId(), JsonColumns.write(key.key()), uploadSeq);
                }
            }
            for (OneTimeKey key : fallbackKeys) {
                Sql.update(c, """
                        INSERT INTO e2e_fallback_keys (user_id, device_id, algorithm, key_id, key_json, used)
                        VALUES (?, ?, ?, ?, ?, FALSE) ON CONFLICT (user_id, device_id, algorithm)
                        DO UPDATE SET key_id = excluded.key_id, key_json = excluded.key_json, used = FALSE""",
                        user.value(), deviceId, key.algorithm(), key.keyId(), JsonColumns.write(key.key()));
            }
            if (changed) {
                DeviceListRows.append(c, user);
            }
            return new UploadOutcome(Optional.empty(), changed, counts(c, user, deviceId));
        });
    }

    private static Optional<String> conflict(Connection c, UserId user, String deviceId,
                                             Optional<ObjectNode> deviceKeys, List<OneTimeKey> oneTimeKeys)
            throws SQLException {
        if (deviceKeys.isPresent()) {
            Optional<ObjectNode> stored = Sql.one(c,
                    "SELECT key_json FROM e2e_device_keys WHERE user_id = ? AND device_id = ?",
                    rs -> JsonColumns.readObject(rs.getString(1)), user.value(), deviceId);
            if (stored.isPresent() && !stored.get().path("keys").equals(deviceKeys.get().path("keys"))) {
                return Optional.of("Device " + deviceId + " already has different identity keys");
            }
        }
        for (OneTimeKey key : oneTimeKeys) {
            Optional<JsonNode> stored = Sql.one(c, """
                    SELECT key_json FROM e2e_one_time_keys
                    WHERE user_id = ? AND device_id = ? AND algorithm = ? AND key_id = ?""",
                    rs -> JsonColumns.read(rs.getString(1)), user.value(), deviceId, key.algorithm(), key.keyId());
            if (stored.isPresent() && !stored.get().equals(key.key())) {
                return Optional.of("One-time key " + key.fullId() + " already exists with different content");
            }
        }
        return Optional.empty();
    }

    @Override
    public List<DeviceKeys> deviceKeys(UserId user, Collection<String> devices) {
        return db.read(c -> {
            List<DeviceKeys> all = Sql.list(c, """
                    SELECT k.device_id, k.key_json, d.display_name FROM e2e_device_keys k
                    JOIN devices d ON d.user_id = k.user_id AND d.device_id = k.device_id
                    WHERE k.user_id = ? ORDER BY k.device_id""",
                    rs -> new DeviceKeys(user, rs.getString(1), JsonColumns.readObject(rs.getString(2)),
                            Optional.ofNullable(rs.getString(3))), user.value());
            return devices.isEmpty() ? all : all.stream().filter(k -> devices.contains(k.deviceId())).toList();
        });
    }

    @Override
    public KeyCounts keyCounts(UserId user, String deviceId) {
        // One read for both: on SQLite every read after a commit starts with an empty page cache.
        return db.read(c -> new KeyCounts(counts(c, user, deviceId), Sql.list(c, """
                SELECT algorithm FROM e2e_fallback_keys WHERE user_id = ? AND device_id = ? AND used = FALSE
                ORDER BY algorithm""", rs -> rs.getString(1), user.value(), deviceId)));
    }

    private static Map<String, Long> counts(Connection c, UserId user, String deviceId) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Sql.list(c, """
                SELECT algorithm, COUNT(*) FROM e2e_one_time_keys WHERE user_id = ? AND device_id = ?
                GROUP BY algorithm ORDER BY algorithm""", rs -> counts.put(rs.getString(1), rs.getLong(2)),
                user.value(), deviceId);
        return counts;
    }

    @Override
    public Optional<OneTimeKey> claim(UserId user, String deviceId, String algorithm) {
        return db.write(c -> {
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                Optional<OneTimeKey> candidate = Sql.one(c, """
                        SELECT key_id, key_json FROM e2e_one_time_keys WHERE user_id = ? AND device_id = ?
                        AND algorithm = ? ORDER BY upload_seq, key_id""",
                        rs -> new OneTimeKey(algorithm, rs.getString(1), JsonColumns.read(rs.getString(2))),
                        user.value(), deviceId, algorithm);
                if (candidate.isEmpty()) {
                    return fallback(c, user, deviceId, algorithm);
                }
                // The delete is the claim: of concurrent claimers of one key, exactly one deletes
                // the row (PostgreSQL makes the others wait for it and then find nothing).
                int taken = Sql.update(c, """
                        DELETE FROM e2e_one_time_keys WHERE user_id = ? AND device_id = ? AND algorithm = ?
                        AND key_id = ?""", user.value(), deviceId, algorithm, candidate.get().keyId());
                if (taken == 1) {
                    return candidate;
                }
            }
            throw new IllegalStateException("could not claim a one-time key for " + user.value() + " " + deviceId);
        });
    }

    private static Optional<OneTimeKey> fallback(Connection c, UserId user, String deviceId, String algorithm)
            throws SQLException {
        Optional<OneTimeKey> key = Sql.one(c, """
                SELECT key_id, key_json FROM e2e_fallback_keys WHERE user_id = ? AND device_id = ? AND algorithm = ?""",
                rs -> new OneTimeKey(algorithm, rs.getString(1), JsonColumns.read(rs.getString(2))),
                user.value(), deviceId, algorithm);
        if (key.isPresent()) {
            Sql.update(c, "UPDATE e2e_fallback_keys SET used = TRUE WHERE user_id = ? AND device_id = ? AND algorithm = ?",
                    user.value(), deviceId, algorithm);
        }
        return key;
    }
}
