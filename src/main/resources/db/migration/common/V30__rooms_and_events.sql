-- Rooms and their event graphs (Client-Server API "Rooms", Server-Server API "PDUs").
CREATE TABLE rooms (
    room_id      TEXT PRIMARY KEY,
    room_version TEXT    NOT NULL,
    creator      TEXT    NOT NULL,
    created_ts   BIGINT  NOT NULL,
    -- Listed in the public room directory.
    published    BOOLEAN NOT NULL DEFAULT FALSE
);

-- Every persisted event. stream_ordering is the global position sync tokens count in;
-- depth orders history for /messages. json is the whole PDU as sent (pruned once redacted).
CREATE TABLE events (
    stream_ordering  BIGINT PRIMARY KEY,
    event_id         TEXT    NOT NULL UNIQUE,
    room_id          TEXT    NOT NULL REFERENCES rooms (room_id),
    type             TEXT    NOT NULL,
    state_key        TEXT,
    sender           TEXT    NOT NULL,
    depth            BIGINT  NOT NULL,
    origin_server_ts BIGINT  NOT NULL,
    json             TEXT    NOT NULL,
    -- The room's state after this event.
    state_group      BIGINT  NOT NULL,
    redacted_by      TEXT
);
CREATE INDEX events_by_room_stream ON events (room_id, stream_ordering);
CREATE INDEX events_by_room_depth ON events (room_id, depth, stream_ordering);
CREATE INDEX events_by_room_ts ON events (room_id, origin_server_ts);

CREATE TABLE event_edges (
    event_id      TEXT NOT NULL,
    prev_event_id TEXT NOT NULL,
    PRIMARY KEY (event_id, prev_event_id)
);
CREATE INDEX event_edges_by_prev ON event_edges (prev_event_id);

CREATE TABLE forward_extremities (
    room_id  TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (room_id, event_id)
);

-- State snapshots stored as deltas: a group holds the entries that differ from its parent.
-- Chains are kept short (a full snapshot every few dozen groups), so reading a group costs a
-- handful of small queries, while history state costs a small multiple of the events.
CREATE TABLE state_groups (
    id           BIGINT PRIMARY KEY,
    room_id      TEXT    NOT NULL,
    parent_id    BIGINT,
    chain_length INTEGER NOT NULL
);
CREATE TABLE state_group_entries (
    group_id  BIGINT NOT NULL,
    type      TEXT   NOT NULL,
    state_key TEXT   NOT NULL,
    event_id  TEXT   NOT NULL,
    PRIMARY KEY (group_id, type, state_key)
);

-- The current state of each room, with memberships denormalised for "rooms of a user".
CREATE TABLE current_state (
    room_id    TEXT NOT NULL,
    type       TEXT NOT NULL,
    state_key  TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    membership TEXT,
    PRIMARY KEY (room_id, type, state_key)
);
CREATE INDEX current_state_by_member ON current_state (state_key, membership);

-- Idempotent sends: the same device and transaction ID always mean the same event.
CREATE TABLE event_transactions (
    user_id    TEXT   NOT NULL,
    device_id  TEXT   NOT NULL,
    txn_id     TEXT   NOT NULL,
    event_id   TEXT   NOT NULL,
    created_ts BIGINT NOT NULL,
    PRIMARY KEY (user_id, device_id, txn_id)
);

-- Local room aliases (#name:this.server) and the room each points to.
CREATE TABLE room_aliases (
    alias   TEXT PRIMARY KEY,
    room_id TEXT NOT NULL REFERENCES rooms (room_id),
    creator TEXT NOT NULL
);
CREATE INDEX room_aliases_by_room ON room_aliases (room_id);

-- A user's membership changes in stream order, for /sync.
CREATE INDEX events_by_state_key ON events (state_key, type, stream_ordering);
