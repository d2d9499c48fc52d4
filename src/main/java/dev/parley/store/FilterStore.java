package dev.parley.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import java.util.Optional;

/** Filters uploaded by local users for {@code /sync} and other event-returning endpoints. */
public interface FilterStore {
    /**
     * Stores the filter and returns its ID, which counts up per user from 0; a filter equal to
     * one the user already stored gets that filter's ID.
     */
    long add(UserId user, ObjectNode filter);

    Optional<ObjectNode> find(UserId user, long filterId);
}
