package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v3/events?room_id=&from=&timeout=} — Client-Server API, "Room
 * Previews" ({@code peekEvents}): the new events of one room, long-polled; guests may use it
 * "as used for room previews" ("Guest access"). The room-less {@code getEvents} it shares its path
 * with was deprecated in r0 and is not served: {@code room_id} is required.
 */
public final class PeekEvents {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/events", Auth.REQUIRED).allowingGuests();

    private PeekEvents() {
    }
}
