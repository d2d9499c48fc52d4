-- Nothing read event_edges: an event's prev_events are in its stored JSON, and the forward
-- extremities are kept in their own table. Writing one row per prev_event cost every event a
-- B-tree (a WAL frame at commit on SQLite).
-- Numbered after V80 (sqlite) and V81 (postgres), which still rebuild and re-index this table: a
-- lower version would drop it before they run on a new database, and Flyway refuses a lower
-- version that an upgraded database has not applied.
DROP TABLE event_edges;
