package dev.parley.http.client;

import dev.parley.api.client.SearchUserDirectory;
import dev.parley.http.Route;
import dev.parley.service.directory.UserDirectoryService;
import java.util.List;

/** The user directory search (Client-Server API, "User Directory"). */
public final class UserDirectoryRoutes {
    private UserDirectoryRoutes() {
    }

    public static List<Route> routes(UserDirectoryService directory) {
        return List.of(new Route(SearchUserDirectory.ENDPOINT,
                request -> directory.search(request.body(SearchUserDirectory.Request.class))));
    }
}
