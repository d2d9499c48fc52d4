package dev.parley.store;

import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The device-list stream (Client-Server API, "Tracking the device list for a user"): a position
 * for every change of a user's devices or keys, and for every change of their room membership.
 */
public interface DeviceListStore {
    /** One entry; {@code room} and {@code membership} are set for a membership change. */
    record Change(long position, UserId user, Optional<RoomId> room, Optional<String> membership) {
    }

    /** Records that the user's devices or keys changed; returns the new position. */
    long deviceChanged(UserId user);

    /** Records that the user's membership in the room changed; returns the new position. */
    long membershipChanged(UserId user, RoomId room, String membership);

    /** Entries with positions in ({@code after}, {@code upTo}], oldest first. */
    List<Change> changes(long after, long upTo);

    /** The users joined to at least one room the user is joined to, the user included. */
    Set<UserId> usersSharingRooms(UserId user);

    /** The highest position handed out; every write at or below it has committed. */
    long position();
}
