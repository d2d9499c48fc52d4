package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code GET /_matrix/client/v3/account/whoami} — Client-Server API, "Gets information about the owner of an access token". */
public final class GetTokenOwner {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/account/whoami", Auth.REQUIRED).allowingGuests();

    /** @param deviceId absent for tokens without a device (appservice users, say) */
    public record Response(String userId, String deviceId, boolean isGuest) {
    }

    private GetTokenOwner() {
    }
}
