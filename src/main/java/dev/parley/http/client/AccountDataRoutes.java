package dev.parley.http.client;

import dev.parley.api.client.GetAccountData;
import dev.parley.api.client.GetAccountDataPerRoom;
import dev.parley.api.client.SetAccountData;
import dev.parley.api.client.SetAccountDataPerRoom;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.accountdata.AccountDataService;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Account data endpoints (Client-Server API, "Client Config"). */
public final class AccountDataRoutes {
    private AccountDataRoutes() {
    }

    public static List<Route> routes(AccountDataService accountData) {
        return List.of(
                new Route(GetAccountData.ENDPOINT, request -> accountData.get(requester(request), owner(request),
                        Optional.empty(), request.pathParam("type"))),
                new Route(SetAccountData.ENDPOINT, request -> {
                    accountData.put(requester(request), owner(request), Optional.empty(), request.pathParam("type"),
                            request.jsonBody());
                    return Map.of();
                }),
                new Route(GetAccountDataPerRoom.ENDPOINT, request -> accountData.get(requester(request),
                        owner(request), room(request), request.pathParam("type"))),
                new Route(SetAccountDataPerRoom.ENDPOINT, request -> {
                    accountData.put(requester(request), owner(request), room(request), request.pathParam("type"),
                            request.jsonBody());
                    return Map.of();
                }));
    }

    private static UserId requester(RequestContext request) {
        return UserId.parse(request.requester().userId());
    }

    private static UserId owner(RequestContext request) {
        return UserId.parse(request.pathParam("userId"));
    }

    /** An invalid room ID is 400 {@code M_INVALID_PARAM}, as the spec asks. */
    private static Optional<RoomId> room(RequestContext request) {
        return Optional.of(RoomId.parse(request.pathParam("roomId")));
    }
}
