package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code DELETE /_matrix/client/v3/profile/{userId}/{keyName}} — Client-Server API, "Profiles": Remove a profile field from a user. * <p>Guests may call it for {@code displayname} only ("Guest access"); the service refuses them other fields.
 */
public final class DeleteProfileField {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.DELETE, "/v3/profile/{userId}/{keyName}", Auth.REQUIRED)
            .allowingGuests().closedWhenSuspended();

    private DeleteProfileField() {
    }
}
