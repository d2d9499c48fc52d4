package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v3/profile/{userId}} — Client-Server API, "Profiles": Get all profile information for a user.
 * <p>The response is the profile object itself: displayname, avatar_url and any custom fields.
 */
public final class GetUserProfile {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/profile/{userId}", Auth.NONE);

    private GetUserProfile() {
    }
}
