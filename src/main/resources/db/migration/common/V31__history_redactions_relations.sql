-- History, redactions and relations (Client-Server API "Getting events for a room",
-- "Redactions", "Forming relationships between events").

-- A user's membership history in a room (history visibility rule 3: "joined at any point after").
CREATE INDEX events_by_room_state ON events (room_id, type, state_key);

-- Every redaction persisted, applied or waiting for its target. When the target is stored (now
-- or later), its json is pruned and events.redacted_by set, in the same transaction.
CREATE TABLE redactions (
    event_id TEXT PRIMARY KEY,
    redacts  TEXT NOT NULL,
    room_id  TEXT NOT NULL
);
CREATE INDEX redactions_by_target ON redactions (redacts);

-- The m.relates_to of each unredacted event that has one (child event_id -> parent relates_to).
-- Redacting the child removes its row: the relationship is broken.
CREATE TABLE event_relations (
    event_id   TEXT PRIMARY KEY,
    room_id    TEXT NOT NULL,
    relates_to TEXT NOT NULL,
    rel_type   TEXT NOT NULL,
    aggregation_key TEXT
);
CREATE INDEX event_relations_by_parent ON event_relations (relates_to, rel_type);
