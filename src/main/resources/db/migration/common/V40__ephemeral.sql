-- Ephemeral data and its streams: receipts, presence, send-to-device messages.
-- (Typing notifications live in memory only.)

-- Positions of streams whose rows are replaced or deleted, so MAX(stream_pos) could go back
-- after a restart. Each write takes its positions under this row's lock, so a stream's positions
-- commit in the order they were handed out: a reader never skips a row that commits later with
-- a lower position.
CREATE TABLE stream_positions (
    stream   TEXT   PRIMARY KEY,
    position BIGINT NOT NULL
);
INSERT INTO stream_positions (stream, position) VALUES ('receipts', 0);
INSERT INTO stream_positions (stream, position) VALUES ('presence', 0);
INSERT INTO stream_positions (stream, position) VALUES ('to_device', 0);

-- Client-Server API, "Receipts": one row per (room, type, user, thread); thread_id '' is an
-- unthreaded receipt. event_position is the receipted event's stream ordering, so a receipt only
-- ever moves forward.
CREATE TABLE receipts (
    room_id        TEXT   NOT NULL REFERENCES rooms (room_id),
    receipt_type   TEXT   NOT NULL,
    user_id        TEXT   NOT NULL,
    thread_id      TEXT   NOT NULL,
    event_id       TEXT   NOT NULL,
    event_position BIGINT NOT NULL,
    ts             BIGINT NOT NULL,
    stream_pos     BIGINT NOT NULL,
    PRIMARY KEY (room_id, receipt_type, user_id, thread_id)
);
CREATE INDEX receipts_by_room_position ON receipts (room_id, stream_pos);

-- Client-Server API, "Presence": the state of each local user who ever had one.
CREATE TABLE presence (
    user_id          TEXT    PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    state            TEXT    NOT NULL,
    status_msg       TEXT,
    last_active_ts   BIGINT  NOT NULL,
    currently_active BOOLEAN NOT NULL,
    stream_pos       BIGINT  NOT NULL
);
CREATE INDEX presence_by_position ON presence (stream_pos);

-- Client-Server API, "Send-to-Device messaging": messages waiting for their device, deleted once
-- the device syncs with a token past them (and with the device itself).
CREATE TABLE device_inbox (
    stream_pos BIGINT PRIMARY KEY,
    user_id    TEXT   NOT NULL,
    device_id  TEXT   NOT NULL,
    sender     TEXT   NOT NULL,
    type       TEXT   NOT NULL,
    content    TEXT   NOT NULL,
    FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
);
CREATE INDEX device_inbox_by_device ON device_inbox (user_id, device_id, stream_pos);

-- Idempotent sendToDevice: a device's transaction ID is sent once.
CREATE TABLE to_device_transactions (
    user_id    TEXT   NOT NULL,
    device_id  TEXT   NOT NULL,
    txn_id     TEXT   NOT NULL,
    created_ts BIGINT NOT NULL,
    PRIMARY KEY (user_id, device_id, txn_id)
);
