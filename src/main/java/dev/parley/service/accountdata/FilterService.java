package dev.parley.service.accountdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.store.FilterStore;

/** Filters users upload for {@code /sync} (Client-Server API, "Filtering"). */
public final class FilterService {
    private final FilterStore store;

    public FilterService(FilterStore store) {
        this.store = store;
    }

    /**
     * Checks the filter's shape and stores it.
     *
     * @return the filter ID: a decimal number, so it never starts with "{" as the spec requires
     */
    public String define(UserId requester, UserId owner, ObjectNode filter) {
        requireOwner(requester, owner);
        FilterShape.check(filter);
        return Long.toString(store.add(owner, filter));
    }

    /** @throws MatrixException {@code M_NOT_FOUND} for an unknown filter ID */
    public ObjectNode get(UserId requester, UserId owner, String filterId) {
        requireOwner(requester, owner);
        long id;
        try {
            id = Long.parseLong(filterId);
        } catch (NumberFormatException e) {
            throw MatrixException.notFound("No such filter");
        }
        return store.find(owner, id).orElseThrow(() -> MatrixException.notFound("No such filter"));
    }

    private static void requireOwner(UserId requester, UserId owner) {
        if (!requester.equals(owner)) {
            throw MatrixException.forbidden("Cannot access filters of other users.");
        }
    }
}
