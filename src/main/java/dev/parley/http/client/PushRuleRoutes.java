package dev.parley.http.client;

import dev.parley.api.client.DeletePushRule;
import dev.parley.api.client.GetPushRule;
import dev.parley.api.client.GetPushRuleActions;
import dev.parley.api.client.GetPushRules;
import dev.parley.api.client.GetPushRulesGlobal;
import dev.parley.api.client.IsPushRuleEnabled;
import dev.parley.api.client.SetPushRule;
import dev.parley.api.client.SetPushRuleActions;
import dev.parley.api.client.SetPushRuleEnabled;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.push.PushRuleKind;
import dev.parley.service.push.PushRuleService;
import java.util.List;
import java.util.Map;

/** Push rule endpoints (Client-Server API, "Push Rules: API"); only the {@code global} scope exists. */
public final class PushRuleRoutes {
    private PushRuleRoutes() {
    }

    public static List<Route> routes(PushRuleService rules) {
        return List.of(
                new Route(GetPushRules.ENDPOINT, request -> new GetPushRules.Response(rules.ruleset(user(request)))),
                new Route(GetPushRulesGlobal.ENDPOINT, request -> rules.ruleset(user(request))),
                new Route(GetPushRule.ENDPOINT, request -> rules.rule(user(request), kind(request), ruleId(request))),
                new Route(SetPushRule.ENDPOINT, request -> {
                    rules.put(user(request), kind(request), ruleId(request), request.body(SetPushRule.Request.class),
                            request.query("before"), request.query("after"));
                    return Map.of();
                }),
                new Route(DeletePushRule.ENDPOINT, request -> {
                    rules.delete(user(request), kind(request), ruleId(request));
                    return Map.of();
                }),
                new Route(IsPushRuleEnabled.ENDPOINT, request -> new IsPushRuleEnabled.Response(
                        rules.rule(user(request), kind(request), ruleId(request)).enabled())),
                new Route(SetPushRuleEnabled.ENDPOINT, request -> {
                    Boolean enabled = request.body(SetPushRuleEnabled.Request.class).enabled();
                    if (enabled == null) {
                        throw new MatrixException(ErrCode.MISSING_PARAM, "'enabled' is required");
                    }
                    rules.setEnabled(user(request), kind(request), ruleId(request), enabled);
                    return Map.of();
                }),
                new Route(GetPushRuleActions.ENDPOINT, request -> new GetPushRuleActions.Response(
                        rules.rule(user(request), kind(request), ruleId(request)).actions())),
                new Route(SetPushRuleActions.ENDPOINT, request -> {
                    rules.setActions(user(request), kind(request), ruleId(request),
                            request.body(SetPushRuleActions.Request.class).actions());
                    return Map.of();
                }));
    }

    private static UserId user(RequestContext request) {
        return UserId.parse(request.requester().userId());
    }

    private static PushRuleKind kind(RequestContext request) {
        return PushRuleKind.parse(request.pathParam("kind"));
    }

    private static String ruleId(RequestContext request) {
        return request.pathParam("ruleId");
    }
}
