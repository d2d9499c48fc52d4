package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.List;
import java.util.Optional;

/** Local accounts. */
public interface UserStore {
    /** Creates the account; false (and nothing written) when the user ID is already taken. */
    boolean create(UserRow user);

    Optional<UserRow> find(UserId userId);

    /** @return false when there is no such user */
    boolean setAdmin(UserId userId, boolean admin);

    /** @return false when there is no such user */
    boolean setLocked(UserId userId, boolean locked);

    /** @return false when there is no such user */
    boolean setSuspended(UserId userId, boolean suspended);

    /** Every account that is locked or suspended (a few, read whole at start-up). */
    List<ModeratedUserRow> moderated();

    /** @return false when there is no such user */
    boolean setPasswordHash(UserId userId, Optional<String> passwordHash);

    /**
     * Marks the account deactivated and deletes every device and token, in one transaction. The
     * password hash is kept only so a login with the right password can be told
     * {@code M_USER_DEACTIVATED}; no password check succeeds for a deactivated account. The
     * user ID stays taken forever, as the spec requires.
     */
    void deactivate(UserId userId);

    long count();
}
