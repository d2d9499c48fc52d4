package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code GET /_matrix/client/v3/pushrules/global/} — Client-Server API, "Push Rules: API": Retrieve all push rules.
 * <p>The response is the PushRuleset itself.
 */
public final class GetPushRulesGlobal {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/pushrules/global/", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private GetPushRulesGlobal() {
    }
}
