package dev.parley.store.jdbc;

import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.store.MediaRow;
import dev.parley.store.MediaStore;
import dev.parley.store.ThumbnailRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

public final class JdbcMediaStore implements MediaStore {
    private static final String COLUMNS = """
            origin, media_id, user_id, content_type, upload_name, sha256, size_bytes, created_ts, uploaded_ts,
            unused_expires_ts, quarantined, unauthenticated_access""";

    private final Database db;

    public JdbcMediaStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(MediaRow r) {
        db.write(c -> Sql.update(c, "INSERT INTO media (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.origin().value(), r.mediaId(), r.userId().map(UserId::value), r.contentType(), r.uploadName(),
                r.sha256(), r.sizeBytes(), r.createdTs(), r.uploadedTs(), r.unusedExpiresTs(), r.quarantined(),
                r.unauthenticatedAccess()));
    }

    @Override
    public Optional<MediaRow> find(ServerName origin, String mediaId) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM media WHERE origin = ? AND media_id = ?",
                JdbcMediaStore::media, origin.value(), mediaId));
    }

    @Override
    public boolean completeUpload(ServerName origin, String mediaId, String contentType, Optional<String> uploadName,
                                  String sha256, long sizeBytes, long uploadedTs) {
        return db.write(c -> Sql.update(c, """
                UPDATE media SET content_type = ?, upload_name = ?, sha256 = ?, size_bytes = ?, uploaded_ts = ?,
                                 unused_expires_ts = NULL
                WHERE origin = ? AND media_id = ? AND sha256 IS NULL""",
                contentType, uploadName, sha256, sizeBytes, uploadedTs, origin.value(), mediaId) == 1);
    }

    @Override
    public int countPending(UserId userId, long nowTs) {
        return db.read(c -> Sql.count(c, """
                SELECT COUNT(*) FROM media WHERE user_id = ? AND sha256 IS NULL AND unused_expires_ts > ?""",
                userId.value(), nowTs)).intValue();
    }

    @Override
    public int deleteExpiredPending(long nowTs) {
        return db.write(c -> Sql.update(c,
                "DELETE FROM media WHERE sha256 IS NULL AND unused_expires_ts <= ?", nowTs));
    }

    @Override
    public boolean setQuarantined(ServerName origin, String mediaId, boolean quarantined) {
        return db.write(c -> Sql.update(c, "UPDATE media SET quarantined = ? WHERE origin = ? AND media_id = ?",
                quarantined, origin.value(), mediaId) == 1);
    }

    @Override
    public Optional<ThumbnailRow> findThumbnail(ServerName origin, String mediaId, int width, int height, String method,
                                                boolean animated) {
        return db.read(c -> Sql.one(c, """
                SELECT origin, media_id, width, height, method, animated, content_type, sha256, size_bytes, pixel_width,
                       pixel_height, created_ts
                FROM media_thumbnails
                WHERE origin = ? AND media_id = ? AND width = ? AND height = ? AND method = ? AND animated = ?""",
                JdbcMediaStore::thumbnail, origin.value(), mediaId, width, height, method, animated));
    }

    @Override
    public void saveThumbnail(ThumbnailRow t) {
        db.write(c -> Sql.update(c, """
                INSERT INTO media_thumbnails (origin, media_id, width, height, method, animated, content_type, sha256,
                                              size_bytes, pixel_width, pixel_height, created_ts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (origin, media_id, width, height, method, animated) DO NOTHING""",
                t.origin().value(), t.mediaId(), t.width(), t.height(), t.method(), t.animated(), t.contentType(), t.sha256(),
                t.sizeBytes(), t.pixelWidth(), t.pixelHeight(), t.createdTs()));
    }

    private static MediaRow media(ResultSet rs) throws SQLException {
        return new MediaRow(ServerName.parse(rs.getString("origin")), rs.getString("media_id"),
                Optional.ofNullable(rs.getString("user_id")).map(UserId::parse),
                Optional.ofNullable(rs.getString("content_type")), Optional.ofNullable(rs.getString("upload_name")),
                Optional.ofNullable(rs.getString("sha256")), Sql.optionalLong(rs, "size_bytes"),
                rs.getLong("created_ts"), Sql.optionalLong(rs, "uploaded_ts"), Sql.optionalLong(rs, "unused_expires_ts"),
                rs.getBoolean("quarantined"), rs.getBoolean("unauthenticated_access"));
    }

    private static ThumbnailRow thumbnail(ResultSet rs) throws SQLException {
        return new ThumbnailRow(ServerName.parse(rs.getString("origin")), rs.getString("media_id"),
                rs.getInt("width"), rs.getInt("height"), rs.getString("method"), rs.getBoolean("animated"),
                rs.getString("content_type"),
                rs.getString("sha256"), rs.getLong("size_bytes"), rs.getInt("pixel_width"), rs.getInt("pixel_height"),
                rs.getLong("created_ts"));
    }
}
