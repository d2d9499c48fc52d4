-- Rooms a user has forgotten (Client-Server API, "Leaving rooms"). The flag belongs to the
-- membership event that was current when the user forgot the room: a later join, invite or
-- knock is a new membership event, which ends the flag without anyone having to clear it.
CREATE TABLE forgotten_rooms (
    user_id  TEXT NOT NULL,
    room_id  TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (user_id, room_id)
);

-- The published room directory reads only published rooms.
CREATE INDEX rooms_by_published ON rooms (published);
