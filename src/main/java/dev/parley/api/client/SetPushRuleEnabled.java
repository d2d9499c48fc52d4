package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled} — Client-Server API, "Push Rules: API": Enable or disable a push rule. */
public final class SetPushRuleEnabled {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/pushrules/global/{kind}/{ruleId}/enabled", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    /** @param enabled required */
    public record Request(Boolean enabled) {
    }

    private SetPushRuleEnabled() {
    }
}
