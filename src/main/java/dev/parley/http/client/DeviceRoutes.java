package dev.parley.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.client.DeleteDevice;
import dev.parley.api.client.DeleteDevices;
import dev.parley.api.client.GetDevice;
import dev.parley.api.client.GetDevices;
import dev.parley.api.client.UpdateDevice;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.account.Devices;
import dev.parley.service.account.InteractiveAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Device management (Client-Server API, "Device management"); deleting needs user-interactive auth. */
public final class DeviceRoutes {
    private static final List<List<String>> PASSWORD_FLOW = List.of(List.of(InteractiveAuth.PASSWORD));

    private DeviceRoutes() {
    }

    public static List<Route> routes(Devices devices, InteractiveAuth uia) {
        return List.of(
                new Route(GetDevices.ENDPOINT, request -> new GetDevices.Response(
                        devices.list(user(request.requester().userId())))),
                new Route(GetDevice.ENDPOINT, request ->
                        devices.get(user(request.requester().userId()), request.pathParam("deviceId"))),
                new Route(UpdateDevice.ENDPOINT, request -> {
                    UpdateDevice.Request body = request.body(UpdateDevice.Request.class);
                    devices.rename(user(request.requester().userId()), request.pathParam("deviceId"),
                            Optional.ofNullable(body.displayName()));
                    return Map.of();
                }),
                new Route(DeleteDevice.ENDPOINT, request -> {
                    UserId user = user(request.requester().userId());
                    String deviceId = request.pathParam("deviceId");
                    uia.authenticate(request.jsonBody(), PASSWORD_FLOW, Map.of(), "delete_device " + deviceId, Optional.of(user));
                    devices.delete(user, List.of(deviceId));
                    return Map.of();
                }),
                new Route(DeleteDevices.ENDPOINT, request -> {
                    UserId user = user(request.requester().userId());
                    var body = request.jsonBody();
                    List<String> ids = deviceIds(body.path("devices"));
                    uia.authenticate(body, PASSWORD_FLOW, Map.of(), "delete_devices " + String.join(",", ids), Optional.of(user));
                    devices.delete(user, ids);
                    return Map.of();
                }));
    }

    private static List<String> deviceIds(JsonNode devices) {
        if (!devices.isArray()) {
            throw MatrixException.badJson("'devices' must be a list of device IDs");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : devices) {
            if (!id.isTextual()) {
                throw MatrixException.badJson("'devices' must be a list of device IDs");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static UserId user(String userId) {
        return UserId.parse(userId);
    }
}
