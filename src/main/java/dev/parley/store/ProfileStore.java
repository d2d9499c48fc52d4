package dev.parley.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.id.UserId;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Predicate;

/** Local users' profile fields ({@code displayname}, {@code avatar_url}, custom fields), each a JSON value. */
public interface ProfileStore {
    /** Every field of the user's profile, by field name; empty when none is set. */
    SortedMap<String, JsonNode> profile(UserId user);

    Optional<JsonNode> field(UserId user, String field);

    /**
     * Sets one field of an existing user. {@code fits} sees the whole profile as it would be after
     * the change, inside the writing transaction (so concurrent writes cannot together exceed a
     * limit it enforces); when it answers false nothing is written.
     *
     * @return false when {@code fits} refused the change
     */
    boolean set(UserId user, String field, JsonNode value, Predicate<SortedMap<String, JsonNode>> fits);

    /** @return whether the field existed */
    boolean delete(UserId user, String field);

    /** Removes every field of the user's profile. */
    void deleteAll(UserId user);
}
