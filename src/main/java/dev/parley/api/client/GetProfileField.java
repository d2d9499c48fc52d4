package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v3/profile/{userId}/{keyName}} — Client-Server API, "Profiles": Get a profile field for a user.
 * <p>The response is an object with one property, named keyName, holding the field's value.
 */
public final class GetProfileField {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/profile/{userId}/{keyName}", Auth.NONE);

    private GetProfileField() {
    }
}
