package dev.parley.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import dev.parley.store.CrossSigningStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class JdbcCrossSigningStore implements CrossSigningStore {
    private final Database db;

    public JdbcCrossSigningStore(Database db) {
        this.db = db;
    }

    @Override
    public Map<String, ObjectNode> keys(UserId user) {
        return db.read(c -> keys(c, user));
    }

    private static Map<String, ObjectNode> keys(Connection c, UserId user) throws SQLException {
        Map<String, ObjectNode> keys = new LinkedHashMap<>();
        Sql.list(c, "SELECT usage, key_json FROM e2e_cross_signing_keys WHERE user_id = ? ORDER BY usage",
                rs -> keys.put(rs.getString(1), JsonColumns.readObject(rs.getString(2))), user.value());
        return keys;
    }

    @Override
    public void setKeys(UserId user, Map<String, ObjectNode> byUsage) {
        db.write(c -> {
            Map<String, ObjectNode> old = keys(c, user);
            for (Map.Entry<String, ObjectNode> e : byUsage.entrySet()) {
                ObjectNode previous = old.get(e.getKey());
                if (previous != null && !previous.path("keys").equals(e.getValue().path("keys"))) {
                    dropSignaturesOf(c, user, previous);
                }
                Sql.update(c, """
                        INSERT INTO e2e_cross_signing_keys (user_id, usage, key_json) VALUES (?, ?, ?)
                        ON CONFLICT (user_id, usage) DO UPDATE SET key_json = excluded.key_json""",
                        user.value(), e.getKey(), JsonColumns.write(e.getValue()));
            }
            DeviceListRows.append(c, user);
            return null;
        });
    }

    private static void dropSignaturesOf(Connection c, UserId user, ObjectNode key) throws SQLException {
        for (Map.Entry<String, JsonNode> k : key.path("keys").properties()) {
            String publicKey = k.getValue().asText();
            Sql.update(c, "DELETE FROM e2e_signatures WHERE target_user_id = ? AND target_key_id = ?",
                    user.value(), publicKey);
            Sql.update(c, "DELETE FROM e2e_signatures WHERE signer_user_id = ? AND signer_key_id = ?",
                    user.value(), k.getKey());
        }
    }

    @Override
    public void addSignatures(Collection<Signature> signatures) {
        db.write(c -> {
            for (Signature s : signatures) {
                Sql.update(c, """
                        INSERT INTO e2e_signatures (signer_user_id, signer_key_id, target_user_id, target_key_id, signature)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (target_user_id, target_key_id, signer_user_id, signer_key_id)
                        DO UPDATE SET signature = excluded.signature""",
                        s.signer().value(), s.signerKeyId(), s.target().value(), s.targetKeyId(), s.signature());
            }
            // A new signature changes how others see the target's devices or keys.
            for (UserId target : signatures.stream().map(Signature::target).distinct().toList()) {
                DeviceListRows.append(c, target);
            }
            return null;
        });
    }

    @Override
    public List<Signature> signaturesOver(UserId target) {
        return db.read(c -> Sql.list(c, """
                SELECT signer_user_id, signer_key_id, target_key_id, signature FROM e2e_signatures
                WHERE target_user_id = ? ORDER BY target_key_id, signer_user_id, signer_key_id""",
                rs -> new Signature(UserId.parse(rs.getString(1)), rs.getString(2), target, rs.getString(3),
                        rs.getString(4)), target.value()));
    }

    @Override
    public void deleteAll(UserId user) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM e2e_cross_signing_keys WHERE user_id = ?", user.value());
            Sql.update(c, "DELETE FROM e2e_signatures WHERE signer_user_id = ? OR target_user_id = ?",
                    user.value(), user.value());
            return DeviceListRows.append(c, user);
        });
    }
}
