package dev.parley.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;
import java.util.List;

/** {@code PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions} — Client-Server API, "Push Rules: API": Set the actions for a push rule. */
public final class SetPushRuleActions {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/pushrules/global/{kind}/{ruleId}/actions", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    /** @param actions required: strings and objects */
    public record Request(List<JsonNode> actions) {
    }

    private SetPushRuleActions() {
    }
}
