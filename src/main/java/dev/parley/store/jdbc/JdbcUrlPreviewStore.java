package dev.parley.store.jdbc;

import dev.parley.store.UrlPreviewRow;
import dev.parley.store.UrlPreviewStore;
import java.util.Optional;

public final class JdbcUrlPreviewStore implements UrlPreviewStore {
    private final Database db;

    public JdbcUrlPreviewStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(UrlPreviewRow r) {
        db.write(c -> Sql.update(c, """
                INSERT INTO url_previews (url, fetched_ts, expires_ts, og_json) VALUES (?, ?, ?, ?)
                ON CONFLICT (url, fetched_ts) DO NOTHING""", r.url(), r.fetchedTs(), r.expiresTs(), r.ogJson()));
    }

    @Override
    public Optional<UrlPreviewRow> latest(String url, long atTs, long nowTs) {
        return db.read(c -> Sql.one(c, """
                SELECT url, fetched_ts, expires_ts, og_json FROM url_previews
                WHERE url = ? AND fetched_ts <= ? AND expires_ts > ?
                ORDER BY fetched_ts DESC""",
                rs -> new UrlPreviewRow(rs.getString("url"), rs.getLong("fetched_ts"), rs.getLong("expires_ts"),
                        rs.getString("og_json")), url, atTs, nowTs));
    }

    @Override
    public int deleteExpired(long nowTs) {
        return db.write(c -> Sql.update(c, "DELETE FROM url_previews WHERE expires_ts <= ?", nowTs));
    }
}
