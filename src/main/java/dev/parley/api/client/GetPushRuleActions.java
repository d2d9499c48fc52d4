package dev.parley.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions} — Client-Server API, "Push Rules: API": The actions for a push rule. */
public final class GetPushRuleActions {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/pushrules/global/{kind}/{ruleId}/actions", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    public record Response(JsonNode actions) {
    }

    private GetPushRuleActions() {
    }
}
