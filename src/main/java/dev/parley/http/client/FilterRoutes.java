package dev.parley.http.client;

import dev.parley.api.client.DefineFilter;
import dev.parley.api.client.GetFilter;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.accountdata.FilterService;
import java.util.List;

/** Filter endpoints (Client-Server API, "Filtering"). */
public final class FilterRoutes {
    private FilterRoutes() {
    }

    public static List<Route> routes(FilterService filters) {
        return List.of(
                new Route(DefineFilter.ENDPOINT, request -> new DefineFilter.Response(filters.define(
                        UserId.parse(request.requester().userId()), UserId.parse(request.pathParam("userId")),
                        request.jsonBody()))),
                new Route(GetFilter.ENDPOINT, request -> filters.get(UserId.parse(request.requester().userId()),
                        UserId.parse(request.pathParam("userId")), request.pathParam("filterId"))));
    }
}
