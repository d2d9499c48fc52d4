-- Nothing read event_edges: an event's prev_events are in its stored JSON, and the forward
-- extremities are kept in their own table. Writing one row per prev_event cost every event a
-- B-tree (a WAL frame at commit on SQLite).
-- Numbered 81.52 rather than 52: V80 (sqlite) and V81 (postgres) still rebuild and re-index this
-- table, so a lower version would drop it before they run on a new database, and Flyway refuses
-- a lower version that an upgraded database has not applied.
DROP TABLE event_edges;
