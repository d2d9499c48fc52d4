-- Client-formatted state events carry unsigned.replaces_state (v1.19), prev_content and
-- prev_sender: the state event at the same (type, state_key) in the room's state before the
-- event. The pipeline knows that state as it persists the event and records the replaced event's
-- ID here (NULL for non-state events and for the first state at a key); readers fetch the
-- replaced event itself, so a later redaction of it shows as pruned prev_content.
ALTER TABLE events ADD COLUMN replaces_state TEXT;

-- Events stored before this column existed: every event was built by the local pipeline on the
-- room's current state and replaced its key there as it was stored, in stream order, so the one a
-- state event replaced is the room's previous state event at the same key in stream order. One sort of the state events (a window
-- function, not a correlated look-up per row, which no index serves).
UPDATE events SET replaces_state = earlier.prev_id
FROM (SELECT event_id,
             LAG(event_id) OVER (PARTITION BY room_id, type, state_key ORDER BY stream_ordering) AS prev_id
      FROM events WHERE state_key IS NOT NULL) earlier
WHERE events.event_id = earlier.event_id AND earlier.prev_id IS NOT NULL;
