package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code GET /_matrix/client/v3/joined_rooms} — Client-Server API, "Room membership". */
public final class GetJoinedRooms {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/joined_rooms", Auth.REQUIRED).allowingGuests();

    public record Response(List<String> joinedRooms) {
    }

    private GetJoinedRooms() {
    }
}
