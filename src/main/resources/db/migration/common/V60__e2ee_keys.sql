-- End-to-end encryption key material (Client-Server API, "End-to-End Encryption"). The server
-- stores and relays it exactly as uploaded; it never sees plaintext.
--
-- Local devices' keys reference their device and go with it. Remote users' device lists and
-- cross-signing keys (federation, m.device_list_update / m.signing_key_update EDUs) will live in
-- a remote cache keyed by the remote stream id; e2e_cross_signing_keys and e2e_signatures are
-- keyed by user ID alone so they can already hold remote users' rows.

-- POST /keys/upload "device_keys": the signed DeviceKeys object as uploaded.
CREATE TABLE e2e_device_keys (
    user_id   TEXT NOT NULL,
    device_id TEXT NOT NULL,
    key_json  TEXT NOT NULL,
    PRIMARY KEY (user_id, device_id),
    FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
);

-- POST /keys/upload "one_time_keys": each is handed out by /keys/claim at most once (deleted then).
CREATE TABLE e2e_one_time_keys (
    user_id   TEXT NOT NULL,
    device_id TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    key_id    TEXT NOT NULL,
    key_json  TEXT NOT NULL,
    PRIMARY KEY (user_id, device_id, algorithm, key_id),
    FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
);

-- POST /keys/upload "fallback_keys": one per algorithm, replaced by a new upload; "used" once claimed.
CREATE TABLE e2e_fallback_keys (
    user_id   TEXT    NOT NULL,
    device_id TEXT    NOT NULL,
    algorithm TEXT    NOT NULL,
    key_id    TEXT    NOT NULL,
    key_json  TEXT    NOT NULL,
    used      BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, device_id, algorithm),
    FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
);

-- POST /keys/device_signing/upload: usage is master, self_signing or user_signing.
CREATE TABLE e2e_cross_signing_keys (
    user_id  TEXT NOT NULL,
    usage    TEXT NOT NULL,
    key_json TEXT NOT NULL,
    PRIMARY KEY (user_id, usage)
);

-- POST /keys/signatures/upload: a signature by signer_user_id's key signer_key_id ("ed25519:...")
-- over target_user_id's key target_key_id (a device ID or a cross-signing public key), merged
-- into the target's JSON by /keys/query.
CREATE TABLE e2e_signatures (
    signer_user_id TEXT NOT NULL,
    signer_key_id  TEXT NOT NULL,
    target_user_id TEXT NOT NULL,
    target_key_id  TEXT NOT NULL,
    signature      TEXT NOT NULL,
    PRIMARY KEY (target_user_id, target_key_id, signer_user_id, signer_key_id)
);

-- The device-list stream: one row per change of a user's devices or keys (room_id NULL), or of a
-- user's membership in a room (room_id and membership set), which changes who shares rooms with
-- them. /sync's device_lists and /keys/changes read it; federation will send
-- m.device_list_update with stream_pos as the stream id.
INSERT INTO stream_positions (stream, position) VALUES ('device_lists', 0);
CREATE TABLE device_list_stream (
    stream_pos BIGINT PRIMARY KEY,
    user_id    TEXT   NOT NULL,
    room_id    TEXT,
    membership TEXT
);
CREATE INDEX device_list_stream_by_user ON device_list_stream (user_id, stream_pos);

-- Server-side key backups (Client-Server API, "Server-side key backups"). Versions count up per
-- user and are never reused; a deleted version keeps its row (deleted = TRUE) for that reason.
CREATE TABLE room_key_backup_versions (
    user_id   TEXT    NOT NULL,
    version   BIGINT  NOT NULL,
    algorithm TEXT    NOT NULL,
    auth_data TEXT    NOT NULL,
    etag      BIGINT  NOT NULL,
    deleted   BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, version)
);

CREATE TABLE room_key_backup_keys (
    user_id             TEXT    NOT NULL,
    version             BIGINT  NOT NULL,
    room_id             TEXT    NOT NULL,
    session_id          TEXT    NOT NULL,
    first_message_index BIGINT  NOT NULL,
    forwarded_count     BIGINT  NOT NULL,
    is_verified         BOOLEAN NOT NULL,
    session_data        TEXT    NOT NULL,
    PRIMARY KEY (user_id, version, room_id, session_id)
);
