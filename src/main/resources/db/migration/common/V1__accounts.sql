-- Accounts and their access tokens. Shared by SQLite and PostgreSQL.
CREATE TABLE users (
    user_id       TEXT PRIMARY KEY,
    password_hash TEXT,
    admin         BOOLEAN NOT NULL DEFAULT FALSE,
    guest         BOOLEAN NOT NULL DEFAULT FALSE,
    deactivated   BOOLEAN NOT NULL DEFAULT FALSE,
    created_ts    BIGINT  NOT NULL
);

-- Tokens are stored as SHA-256 hashes: a leaked database does not leak live sessions.
CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT   NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    device_id  TEXT,
    created_ts BIGINT NOT NULL,
    expires_ts BIGINT
);
CREATE INDEX access_tokens_by_user ON access_tokens (user_id);
