package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v3/sync} — Client-Server API, "Syncing". Query: {@code since},
 * {@code filter} (inline JSON or a filter ID), {@code full_state}, {@code set_presence},
 * {@code timeout} (ms). The response is built as a JSON tree by the sync service.
 */
public final class Sync {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/sync", Auth.REQUIRED).allowingGuests();

    private Sync() {
    }
}
