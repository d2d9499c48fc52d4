package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code PUT /_matrix/client/v3/rooms/{roomId}/typing/{userId}} — Client-Server API, "Typing
 * Notifications". Request: {@code typing} (required), {@code timeout} (ms); the response is {}.
 */
public final class SetTyping {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/rooms/{roomId}/typing/{userId}", Auth.REQUIRED);

    private SetTyping() {
    }
}
