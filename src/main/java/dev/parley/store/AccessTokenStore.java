package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.Optional;

/** Access tokens by hash. */
public interface AccessTokenStore {
    void create(AccessTokenRow token);

    Optional<AccessTokenRow> find(String tokenHash);

    /** @return whether a token was deleted */
    boolean delete(String tokenHash);

    /** @return how many tokens were deleted */
    int deleteAllFor(UserId userId);
}
