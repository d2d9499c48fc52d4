package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.Optional;

/** Local accounts. */
public interface UserStore {
    /** Creates the account; false (and nothing written) when the user ID is already taken. */
    boolean create(UserRow user);

    Optional<UserRow> find(UserId userId);

    /** @return false when there is no such user */
    boolean setAdmin(UserId userId, boolean admin);

    long count();
}
