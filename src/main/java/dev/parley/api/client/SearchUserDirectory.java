package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code POST /_matrix/client/v3/user_directory/search} — Client-Server API, "User Directory": Searches the user directory. */
public final class SearchUserDirectory {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/user_directory/search", Auth.REQUIRED);

    /**
     * @param searchTerm required
     * @param limit the maximum number of results; 10 when absent
     */
    public record Request(String searchTerm, Integer limit) {
    }

    /** @param limited whether the results were cut off by the limit */
    public record Response(List<User> results, boolean limited) {
    }

    /** @param displayName absent when the user has none; likewise {@code avatarUrl} */
    public record User(String userId, String displayName, String avatarUrl) {
    }

    private SearchUserDirectory() {
    }
}
