package dev.parley.store;

import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Local users' presence, each change at the next position of the presence stream. "Who may see
 * whose presence" is "who shares a joined room", answered from the rooms' current memberships.
 */
public interface PresenceStore {
    /** Stores the user's new presence; returns the stream position the change took. */
    long put(UserId user, String state, Optional<String> statusMsg, long lastActiveTs, boolean currentlyActive);

    /** Records a later last-active time without telling anyone (no new stream position). */
    void touch(UserId user, long lastActiveTs);

    Optional<PresenceRow> get(UserId user);

    /** Every user whose state is not {@code offline}. */
    List<PresenceRow> notOffline();

    /**
     * Presence changed at positions in ({@code after}, {@code upTo}] of the observer and of every
     * user sharing a joined room with them, oldest first.
     */
    List<PresenceRow> visibleTo(UserId observer, long after, long upTo);

    /** The presence of every joined member of these rooms that has one. */
    List<PresenceRow> joinedMembersOf(Collection<RoomId> rooms);

    /** The user and everyone sharing a joined room with them. */
    List<UserId> observers(UserId user);

    /** Whether the two users share a joined room. */
    boolean shareARoom(UserId a, UserId b);

    /** The highest position handed out; every write at or below it has committed. */
    long position();
}
