package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;
import java.util.List;

/** {@code GET /_matrix/client/v3/account/3pid} — Client-Server API, "Adding Account Administrative Contact Information": Gets a list of a user's third-party identifiers. */
public final class GetAccount3PIDs {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/account/3pid", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    public record Response(List<ThirdPartyIdentifier> threepids) {
    }

    /** @param medium {@code email} or {@code msisdn} */
    public record ThirdPartyIdentifier(String medium, String address, long validatedAt, long addedAt) {
    }

    private GetAccount3PIDs() {
    }
}
