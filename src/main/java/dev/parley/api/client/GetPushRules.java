package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code GET /_matrix/client/v3/pushrules/} — Client-Server API, "Push Rules: API": Retrieve all push rulesets. */
public final class GetPushRules {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/pushrules/", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    /** @param global the global ruleset, the only one the spec defines */
    public record Response(PushRuleset global) {
    }

    private GetPushRules() {
    }
}
