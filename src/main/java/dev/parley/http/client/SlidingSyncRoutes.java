package dev.parley.http.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.SlidingSync;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.sync.SlidingSyncRequest;
import dev.parley.service.sync.SlidingSyncService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /_matrix/client/unstable/org.matrix.simplified_msc3575/sync} (MSC4186). */
public final class SlidingSyncRoutes {
    private SlidingSyncRoutes() {
    }

    public static List<Route> routes(SlidingSyncService sync) {
        return List.of(new Route(SlidingSync.ENDPOINT, request -> {
            Map<String, Optional<String>> query = new HashMap<>();
            for (String name : List.of("pos", "timeout", "conn_id", "set_presence")) {
                query.put(name, request.query(name));
            }
            SlidingSyncRequest parsed = SlidingSyncRequest.parse(UserId.parse(request.requester().userId()),
                    request.requester().deviceId(), request.jsonBody(), query);
            ObjectNode body = request.jsonBody();
            try {
                ObjectNode response = sync.sync(parsed);
                // Clients that tag requests with a txn_id match responses by it (MSC3575).
                if (body.path("txn_id").isTextual()) {
                    response.put("txn_id", body.get("txn_id").asText());
                }
                return response;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MatrixException(ErrCode.UNAVAILABLE, "The server is shutting down");
            }
        }));
    }
}
