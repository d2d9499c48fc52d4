-- The content repository. Shared by SQLite and PostgreSQL.
-- One row per mxc:// URI, keyed as the URI is: (origin server name, media ID). Local uploads
-- have origin = our server name; remote media cached later from other servers fits the same
-- table. The bytes live on disk, named by their SHA-256, so identical uploads share one file.
CREATE TABLE media (
    origin                 TEXT    NOT NULL,
    media_id               TEXT    NOT NULL,
    user_id                TEXT,
    content_type           TEXT,
    upload_name            TEXT,
    sha256                 TEXT,
    size_bytes             BIGINT,
    created_ts             BIGINT  NOT NULL,
    uploaded_ts            BIGINT,
    unused_expires_ts      BIGINT,
    quarantined            BOOLEAN NOT NULL DEFAULT FALSE,
    unauthenticated_access BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (origin, media_id)
);
-- Reserved (POST /create) URIs still waiting for their content, per user.
CREATE INDEX media_pending_by_user ON media (user_id, unused_expires_ts) WHERE sha256 IS NULL;
CREATE INDEX media_by_sha256 ON media (sha256);

-- Thumbnails, generated once per (media, target size, method, animated) and kept. A row may
-- point at the original's own content when the original already answers the request.
CREATE TABLE media_thumbnails (
    origin       TEXT    NOT NULL,
    media_id     TEXT    NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    method       TEXT    NOT NULL,
    animated     BOOLEAN NOT NULL,
    content_type TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    size_bytes   BIGINT  NOT NULL,
    pixel_width  INTEGER NOT NULL,
    pixel_height INTEGER NOT NULL,
    created_ts   BIGINT  NOT NULL,
    PRIMARY KEY (origin, media_id, width, height, method, animated),
    FOREIGN KEY (origin, media_id) REFERENCES media (origin, media_id) ON DELETE CASCADE
);
CREATE INDEX media_thumbnails_by_sha256 ON media_thumbnails (sha256);

-- URL previews (OpenGraph JSON), cached per URL and fetch time.
CREATE TABLE url_previews (
    url        TEXT   NOT NULL,
    fetched_ts BIGINT NOT NULL,
    expires_ts BIGINT NOT NULL,
    og_json    TEXT   NOT NULL,
    PRIMARY KEY (url, fetched_ts)
);
CREATE INDEX url_previews_by_expiry ON url_previews (expires_ts);
