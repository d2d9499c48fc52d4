package dev.parley.http.client;

import dev.parley.api.client.GetTurnServer;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.voip.TurnCredentials;
import java.util.List;
import java.util.Map;

/** {@code GET /voip/turnServer} (Client-Server API, "Voice over IP"). */
public final class VoipRoutes {
    private VoipRoutes() {
    }

    /**
     * Without a TURN server the answer is 200 {@code {}}, as Synapse gives: the spec's response
     * has no way to say "none", and clients (matrix-js-sdk, Element) read an empty object as "no
     * relay" and stop asking, where an error would make them retry.
     */
    public static List<Route> routes(TurnCredentials turn) {
        return List.of(new Route(GetTurnServer.ENDPOINT, request -> turn
                .issue(UserId.parse(request.requester().userId()), request.requester().guest())
                .<Object>map(c -> new GetTurnServer.Response(c.username(), c.password(), c.uris(), c.ttlSeconds()))
                .orElse(Map.of())));
    }
}
