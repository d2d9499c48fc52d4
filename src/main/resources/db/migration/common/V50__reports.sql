-- Reported content (Client-Server API, "Reporting content"): event reports carry the event ID,
-- room reports have none. Server admins read them through Synapse's admin API
-- (/_synapse/admin/v1/event_reports). Report IDs come from a counter, so one is never reused.
CREATE TABLE reports (
    id          BIGINT PRIMARY KEY,
    received_ts BIGINT NOT NULL,
    room_id     TEXT   NOT NULL,
    event_id    TEXT,
    user_id     TEXT   NOT NULL,
    reason      TEXT,
    score       INTEGER
);
INSERT INTO stream_positions (stream, position) VALUES ('reports', 0);
