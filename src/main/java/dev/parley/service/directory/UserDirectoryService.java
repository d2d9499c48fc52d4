package dev.parley.service.directory;

import dev.parley.api.client.SearchUserDirectory;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.store.UserDirectoryStore;
import java.util.List;
import java.util.Locale;

/**
 * The user directory (Client-Server API, "User Directory"). Until rooms exist there is no
 * membership to narrow the search by, so it covers every active local user: the spec lets the
 * server choose the searched subset as long as it includes users who share rooms with the
 * requester (all of them qualify here). Remote users come with federation.
 */
public final class UserDirectoryService {
    static final int DEFAULT_LIMIT = 10;
    /** A bound on one response, whatever the client asks for. */
    static final int MAX_LIMIT = 100;

    private final UserDirectoryStore store;

    public UserDirectoryService(UserDirectoryStore store) {
        this.store = store;
    }

    public SearchUserDirectory.Response search(SearchUserDirectory.Request request) {
        if (request.searchTerm() == null) {
            throw new MatrixException(ErrCode.MISSING_PARAM, "search_term is required");
        }
        int limit = request.limit() == null ? DEFAULT_LIMIT : Math.clamp(request.limit(), 0, MAX_LIMIT);
        String term = request.searchTerm().strip().toLowerCase(Locale.ROOT);
        // One row more than asked tells whether the results were cut off.
        List<UserDirectoryStore.Entry> found = store.search(term, limit + 1);
        List<SearchUserDirectory.User> results = found.stream().limit(limit)
                .map(e -> new SearchUserDirectory.User(e.userId().value(), e.displayName().orElse(null),
                        e.avatarUrl().orElse(null)))
                .toList();
        return new SearchUserDirectory.Response(results, found.size() > limit);
    }
}
