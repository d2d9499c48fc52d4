-- The PostgreSQL half of V80 (sqlite): the same index changes, checked with EXPLAIN against every
-- query of store.jdbc. events_by_room_state was used by no query; events_by_state_key served only
-- member events, so a partial index on membership events replaces both; nothing reads edges by
-- prev_event_id. (SQLite's rowid and WITHOUT ROWID changes have no PostgreSQL counterpart.)
DROP INDEX events_by_room_state;
DROP INDEX events_by_state_key;
CREATE INDEX events_membership ON events (state_key, stream_ordering) WHERE type = 'm.room.member';
DROP INDEX event_edges_by_prev;
