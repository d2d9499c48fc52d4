package dev.parley.http.client;

import dev.parley.api.client.DeleteProfileField;
import dev.parley.api.client.GetProfileField;
import dev.parley.api.client.GetUserProfile;
import dev.parley.api.client.SetProfileField;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.profile.ProfileService;
import java.util.List;
import java.util.Map;

/** Profile endpoints (Client-Server API, "Profiles"). */
public final class ProfileRoutes {
    private ProfileRoutes() {
    }

    public static List<Route> routes(ProfileService profiles) {
        return List.of(
                new Route(GetUserProfile.ENDPOINT, request -> profiles.profile(target(request))),
                new Route(GetProfileField.ENDPOINT, request ->
                        profiles.field(target(request), request.pathParam("keyName"))),
                new Route(SetProfileField.ENDPOINT, request -> {
                    profiles.set(requester(request), request.requester().guest(), target(request), request.pathParam("keyName"), request.jsonBody());
                    return Map.of();
                }),
                new Route(DeleteProfileField.ENDPOINT, request -> {
                    profiles.delete(requester(request), request.requester().guest(), target(request), request.pathParam("keyName"));
                    return Map.of();
                }));
    }

    private static UserId target(RequestContext request) {
        return UserId.parse(request.pathParam("userId"));
    }

    private static UserId requester(RequestContext request) {
        return UserId.parse(request.requester().userId());
    }
}
