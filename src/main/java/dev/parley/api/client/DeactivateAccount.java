package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/account/deactivate} — Client-Server API, "Account deactivation" (user-interactive auth). */
public final class DeactivateAccount {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/account/deactivate", Auth.REQUIRED);

    /** Parley has no identity-server bindings to undo, hence always {@code no-support}. */
    public record Response(String idServerUnbindResult) {
    }

    private DeactivateAccount() {
    }
}
