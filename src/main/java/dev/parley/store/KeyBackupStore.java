package dev.parley.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.List;
import java.util.Optional;

/** Server-side room key backups (Client-Server API, "Server-side key backups"). */
public interface KeyBackupStore {
    /** A backup version; {@code etag} changes whenever its keys do. */
    record Version(long version, String algorithm, ObjectNode authData, long etag, long count) {
    }

    /** A backed-up session key (KeyBackupData). */
    record SessionKey(RoomId room, String sessionId, long firstMessageIndex, long forwardedCount, boolean verified,
                      ObjectNode sessionData) {
    }

    /** Creates the next version number (never one used before) and returns it. */
    long create(UserId user, String algorithm, ObjectNode authData);

    /** The user's newest version that is not deleted. */
    Optional<Version> current(UserId user);

    /** The given version if it exists and is not deleted. */
    Optional<Version> version(UserId user, long version);

    /** @return false if there is no such (undeleted) version */
    boolean update(UserId user, long version, ObjectNode authData);

    /** Deletes the version and its keys; false if there is no such (undeleted) version. */
    boolean delete(UserId user, long version);

    /**
     * Stores each key unless the version already holds a better one for its session (the spec's
     * rule: verified over unverified, then lower first_message_index, then lower
     * forwarded_count). Returns the version after the write, or empty when {@code version} is not
     * the current one (only the newest version takes keys).
     */
    Optional<Version> put(UserId user, long version, List<SessionKey> keys);

    /** The version's keys, narrowed to a room and a session when given. */
    List<SessionKey> keys(UserId user, long version, Optional<RoomId> room, Optional<String> sessionId);

    /** Deletes the version's keys (narrowed likewise); returns the version after, empty if unknown. */
    Optional<Version> deleteKeys(UserId user, long version, Optional<RoomId> room, Optional<String> sessionId);

    /** Deletes every backup of the user (account deactivation). */
    void deleteAll(UserId user);
}
