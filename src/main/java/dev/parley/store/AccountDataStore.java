package dev.parley.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Local users' account data, global ({@code room} empty) or per room. Every write takes the next
 * position of the user's account data stream, which push rule changes share (clients receive
 * push rules as {@code m.push_rules} account data).
 */
public interface AccountDataStore {
    /** Stores or replaces the content; returns the stream position the write took. */
    long put(UserId user, Optional<RoomId> room, String type, ObjectNode content);

    Optional<ObjectNode> get(UserId user, Optional<RoomId> room, String type);

    /** The latest content of every entry written after stream position {@code since}, oldest first. */
    List<AccountDataRow> changedSince(UserId user, long since);

    /** The user's latest stream position; 0 before the first write. */
    long position(UserId user);
}
