package dev.parley.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}} — Client-Server API, "Push Rules: API": Add or change a push rule. */
public final class SetPushRule {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/pushrules/global/{kind}/{ruleId}", Auth.REQUIRED);

    /**
     * Query parameters {@code before} and {@code after} name a user-defined rule of the same kind.
     *
     * @param actions required: strings and objects
     * @param conditions for override and underride rules; none means the rule always matches
     * @param pattern for content rules
     */
    public record Request(List<JsonNode> actions, List<ObjectNode> conditions, String pattern) {
    }

    private SetPushRule() {
    }
}
