-- Fewer B-trees touched per event (each touched page is a 4 KiB WAL frame at commit; a message
-- wrote ~90 KB of WAL). Checked against every query of store.jdbc with EXPLAIN QUERY PLAN:
-- * events.stream_ordering becomes INTEGER PRIMARY KEY, SQLite's rowid: BIGINT PRIMARY KEY kept
--   a separate unique index beside the rowid.
-- * events_by_room_state was used by no query (memberEvents chose events_by_state_key), and
--   events_by_state_key served only member events (membershipChanges, memberEvents): a partial
--   index on membership events replaces both, so a message touches neither.
-- * event_edges_by_prev: no query reads edges by prev_event_id.
-- * event_edges, forward_extremities, event_transactions are all primary key: WITHOUT ROWID
--   keeps each in one B-tree instead of a table plus its primary-key index.
CREATE TABLE events_v80 (
    stream_ordering  INTEGER PRIMARY KEY,
    event_id         TEXT    NOT NULL UNIQUE,
    room_id          TEXT    NOT NULL REFERENCES rooms (room_id),
    type             TEXT    NOT NULL,
    state_key        TEXT,
    sender           TEXT    NOT NULL,
    depth            BIGINT  NOT NULL,
    origin_server_ts BIGINT  NOT NULL,
    json             TEXT    NOT NULL,
    state_group      BIGINT  NOT NULL,
    redacted_by      TEXT
);
INSERT INTO events_v80 (stream_ordering, event_id, room_id, type, state_key, sender, depth, origin_server_ts, json,
                        state_group, redacted_by)
SELECT stream_ordering, event_id, room_id, type, state_key, sender, depth, origin_server_ts, json, state_group, redacted_by
FROM events;
DROP TABLE events;
ALTER TABLE events_v80 RENAME TO events;
CREATE INDEX events_by_room_stream ON events (room_id, stream_ordering);
CREATE INDEX events_by_room_depth ON events (room_id, depth, stream_ordering);
CREATE INDEX events_by_room_ts ON events (room_id, origin_server_ts);
CREATE INDEX events_membership ON events (state_key, stream_ordering) WHERE type = 'm.room.member';

CREATE TABLE event_edges_v80 (
    event_id      TEXT NOT NULL,
    prev_event_id TEXT NOT NULL,
    PRIMARY KEY (event_id, prev_event_id)
) WITHOUT ROWID;
INSERT INTO event_edges_v80 SELECT event_id, prev_event_id FROM event_edges;
DROP TABLE event_edges;
ALTER TABLE event_edges_v80 RENAME TO event_edges;

CREATE TABLE forward_extremities_v80 (
    room_id  TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (room_id, event_id)
) WITHOUT ROWID;
INSERT INTO forward_extremities_v80 SELECT room_id, event_id FROM forward_extremities;
DROP TABLE forward_extremities;
ALTER TABLE forward_extremities_v80 RENAME TO forward_extremities;

CREATE TABLE event_transactions_v80 (
    user_id    TEXT   NOT NULL,
    device_id  TEXT   NOT NULL,
    txn_id     TEXT   NOT NULL,
    event_id   TEXT   NOT NULL,
    created_ts BIGINT NOT NULL,
    PRIMARY KEY (user_id, device_id, txn_id)
) WITHOUT ROWID;
INSERT INTO event_transactions_v80 SELECT user_id, device_id, txn_id, event_id, created_ts FROM event_transactions;
DROP TABLE event_transactions;
ALTER TABLE event_transactions_v80 RENAME TO event_transactions;
