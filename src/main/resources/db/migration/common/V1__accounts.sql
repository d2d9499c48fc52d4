-- Accounts, devices and their tokens. Shared by SQLite and PostgreSQL.
CREATE TABLE users (
    user_id       TEXT PRIMARY KEY,
    password_hash TEXT,
    admin         BOOLEAN NOT NULL DEFAULT FALSE,
    guest         BOOLEAN NOT NULL DEFAULT FALSE,
    deactivated   BOOLEAN NOT NULL DEFAULT FALSE,
    created_ts    BIGINT  NOT NULL
);

-- last_seen_* are written in batches from memory, not on every request.
CREATE TABLE devices (
    user_id              TEXT   NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    device_id            TEXT   NOT NULL,
    display_name         TEXT,
    created_ts           BIGINT NOT NULL,
    last_seen_ts         BIGINT,
    last_seen_ip         TEXT,
    last_seen_user_agent TEXT,
    PRIMARY KEY (user_id, device_id)
);

-- Tokens are stored as SHA-256 hashes: a leaked database does not leak live sessions.
-- Deleting a device deletes its tokens.
CREATE TABLE refresh_tokens (
    token_hash          TEXT PRIMARY KEY,
    user_id             TEXT   NOT NULL,
    device_id           TEXT   NOT NULL,
    created_ts          BIGINT NOT NULL,
    -- The refresh token this one replaced; revoked once this one or its access token is used.
    previous_token_hash TEXT,
    FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_by_device ON refresh_tokens (user_id, device_id);

CREATE TABLE access_tokens (
    token_hash         TEXT PRIMARY KEY,
    user_id            TEXT   NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    device_id          TEXT,
    created_ts         BIGINT NOT NULL,
    expires_ts         BIGINT,
    refresh_token_hash TEXT,
    FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
);
CREATE INDEX access_tokens_by_user ON access_tokens (user_id, device_id);

-- Tokens for m.login.registration_token (Client-Server API, "Token-authenticated registration").
CREATE TABLE registration_tokens (
    token        TEXT PRIMARY KEY,
    uses_allowed INTEGER,
    pending      INTEGER NOT NULL DEFAULT 0,
    completed    INTEGER NOT NULL DEFAULT 0,
    expiry_time  BIGINT
);
