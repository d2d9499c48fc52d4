package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code DELETE /_matrix/client/v3/pushrules/global/{kind}/{ruleId}} — Client-Server API, "Push Rules: API": Delete a push rule. */
public final class DeletePushRule {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.DELETE, "/v3/pushrules/global/{kind}/{ruleId}", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private DeletePushRule() {
    }
}
