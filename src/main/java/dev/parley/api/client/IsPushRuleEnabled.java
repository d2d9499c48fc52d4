package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled} — Client-Server API, "Push Rules: API": Get whether a push rule is enabled. */
public final class IsPushRuleEnabled {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/pushrules/global/{kind}/{ruleId}/enabled", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    public record Response(boolean enabled) {
    }

    private IsPushRuleEnabled() {
    }
}
