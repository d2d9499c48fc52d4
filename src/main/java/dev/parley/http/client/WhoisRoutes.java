package dev.parley.http.client;

import dev.parley.api.client.GetWhoIs;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.account.Whois;
import dev.parley.store.DeviceRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /admin/whois/{userId}} (Client-Server API, "Server administration"). */
public final class WhoisRoutes {
    private WhoisRoutes() {
    }

    public static List<Route> routes(Whois whois) {
        return List.of(new Route(GetWhoIs.ENDPOINT, request -> {
            UserId target = UserId.parse(request.pathParam("userId"));
            Map<String, GetWhoIs.DeviceInfo> devices = new LinkedHashMap<>();
            for (DeviceRow row : whois.devices(UserId.parse(request.requester().userId()), target)) {
                var connection = new GetWhoIs.ConnectionInfo(row.lastSeenIp().orElse(null),
                        row.lastSeenTs().orElse(null), row.lastSeenUserAgent().orElse(null));
                devices.put(row.deviceId(), new GetWhoIs.DeviceInfo(List.of(new GetWhoIs.SessionInfo(
                        row.lastSeenTs().isPresent() ? List.of(connection) : List.of()))));
            }
            return new GetWhoIs.Response(target.value(), devices);
        }));
    }
}
