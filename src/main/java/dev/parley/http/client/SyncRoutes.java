package dev.parley.http.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.Sync;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.accountdata.FilterService;
import dev.parley.service.edu.PresenceState;
import dev.parley.service.sync.SyncFilter;
import dev.parley.service.sync.SyncService;
import dev.parley.service.sync.SyncToken;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code GET /sync}. */
public final class SyncRoutes {
    private SyncRoutes() {
    }

    public static List<Route> routes(SyncService sync, FilterService filters) {
        return List.of(new Route(Sync.ENDPOINT, request -> {
            UserId user = UserId.parse(request.requester().userId());
            Optional<SyncToken> since = request.query("since").map(SyncToken::parse);
            long timeout = request.query("timeout").map(SyncRoutes::millis).orElse(0L);
            boolean fullState = request.query("full_state").map(Boolean::parseBoolean).orElse(false);
            PresenceState setPresence = request.query("set_presence").map(PresenceState::parse).orElse(PresenceState.ONLINE);
            boolean useStateAfter = request.query("use_state_after").map(Boolean::parseBoolean).orElse(false);
            try {
                return sync.sync(new SyncService.Request(user, request.requester().deviceId(), since,
                        filter(request, user, filters), fullState, Duration.ofMillis(timeout), setPresence,
                        useStateAfter));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MatrixException(ErrCode.UNAVAILABLE, "The server is shutting down");
            }
        }));
    }

    private static SyncFilter filter(RequestContext request, UserId user, FilterService filters) {
        Optional<String> filter = request.query("filter");
        if (filter.isEmpty()) {
            return SyncFilter.DEFAULT;
        }
        if (filter.get().startsWith("{")) {
            try {
                JsonNode tree = Json.MAPPER.readTree(filter.get());
                if (!(tree instanceof ObjectNode object)) {
                    throw MatrixException.badJson("The filter must be a JSON object");
                }
                return SyncFilter.of(object);
            } catch (JsonProcessingException e) {
                throw new MatrixException(ErrCode.NOT_JSON, "The filter is not valid JSON");
            }
        }
        return SyncFilter.of(filters.get(user, user, filter.get()));
    }

    /** A {@code timeout} query parameter: a non-negative number of milliseconds, else {@code M_INVALID_PARAM}. */
    static long millis(String value) {
        try {
            long ms = Long.parseLong(value);
            if (ms < 0) {
                throw MatrixException.invalidParam("timeout must not be negative");
            }
            return ms;
        } catch (NumberFormatException e) {
            throw MatrixException.invalidParam("timeout must be a number of milliseconds");
        }
    }
}
