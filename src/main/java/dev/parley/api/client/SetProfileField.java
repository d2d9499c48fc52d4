package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code PUT /_matrix/client/v3/profile/{userId}/{keyName}} — Client-Server API, "Profiles": Set a profile field for a user.
 * <p>The request is an object whose property named keyName holds the new value; the response is {}.
 * <p>Guests may call it for {@code displayname} only ("Guest access"); the service refuses them other fields.
 */
public final class SetProfileField {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/profile/{userId}/{keyName}", Auth.REQUIRED)
            .allowingGuests().closedWhenSuspended();

    private SetProfileField() {
    }
}
