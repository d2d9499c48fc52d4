package dev.parley.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code POST /_matrix/client/v3/createRoom} — Client-Server API, "Creation". */
public final class CreateRoom {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/createRoom", Auth.REQUIRED);

    /** The request body; absent fields are null. */
    public record Request(String visibility, String roomAliasName, String name, String topic, List<String> invite,
                          List<ObjectNode> invite3pid, List<ObjectNode> initialState, String roomVersion,
                          ObjectNode creationContent, String preset, Boolean isDirect,
                          ObjectNode powerLevelContentOverride) {
    }

    public record Response(String roomId) {
    }

    private CreateRoom() {
    }
}
