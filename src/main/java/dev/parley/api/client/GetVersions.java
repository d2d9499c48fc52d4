package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;
import java.util.Map;

/** {@code GET /_matrix/client/versions} — Client-Server API, "Get the versions of the specification supported by the server". */
public final class GetVersions {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/versions", Auth.OPTIONAL);

    /** @param unstableFeatures experimental features (MSCs) and whether they are enabled */
    public record Response(List<String> versions, Map<String, Boolean> unstableFeatures) {
    }

    private GetVersions() {
    }
}
