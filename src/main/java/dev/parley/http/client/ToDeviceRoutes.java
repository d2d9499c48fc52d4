package dev.parley.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.SendToDevice;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.edu.ToDevice;
import java.util.List;
import java.util.Map;

/** {@code PUT /sendToDevice/{eventType}/{txnId}}. */
public final class ToDeviceRoutes {
    private ToDeviceRoutes() {
    }

    public static List<Route> routes(ToDevice toDevice) {
        return List.of(new Route(SendToDevice.ENDPOINT, request -> {
            JsonNode messages = request.jsonBody().get("messages");
            if (messages == null || messages.isNull()) {
                throw new MatrixException(ErrCode.MISSING_PARAM, "Missing messages");
            }
            if (!(messages instanceof ObjectNode object)) {
                throw MatrixException.badJson("messages must be an object");
            }
            toDevice.send(UserId.parse(request.requester().userId()), request.requester().deviceId(),
                    request.pathParam("eventType"), request.pathParam("txnId"), object);
            return Map.of();
        }));
    }
}
