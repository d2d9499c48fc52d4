package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code POST /_matrix/client/v3/rooms/{roomId}/read_markers} — Client-Server API, "Read and
 * unread markers". Request: optional {@code m.fully_read}, {@code m.read}, {@code m.read.private}
 * event IDs; the response is {}.
 */
public final class SetReadMarker {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/rooms/{roomId}/read_markers", Auth.REQUIRED);

    private SetReadMarker() {
    }
}
