package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.List;
import java.util.Optional;

/** Searching local users by user ID and display name. */
public interface UserDirectoryStore {
    /**
     * Active, non-guest local users whose user ID or display name contains {@code term},
     * case-insensitively. Matches at the start of the localpart or display name come first, then
     * users with a display name, then by user ID.
     *
     * @param term the search term, already lower-cased
     */
    List<Entry> search(String term, int limit);

    /** A found user with the string-valued parts of their profile. */
    record Entry(UserId userId, Optional<String> displayName, Optional<String> avatarUrl) {
    }
}
