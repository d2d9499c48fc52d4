package dev.parley.http.client;

import dev.parley.api.client.ChangePassword;
import dev.parley.api.client.DeactivateAccount;
import dev.parley.api.client.GetTokenOwner;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.Requester;
import dev.parley.http.Route;
import dev.parley.service.account.AccountService;
import dev.parley.service.account.Devices;
import dev.parley.service.account.InteractiveAuth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The signed-in account: {@code whoami}, password change and deactivation. */
public final class AccountRoutes {
    private static final List<List<String>> PASSWORD_FLOW = List.of(List.of(InteractiveAuth.PASSWORD));

    private AccountRoutes() {
    }

    public static List<Route> routes(AccountService accounts, Devices devices, InteractiveAuth uia) {
        return List.of(
                new Route(GetTokenOwner.ENDPOINT.allowingGuests(), request -> {
                    Requester who = request.requester();
                    return new GetTokenOwner.Response(who.userId(), who.deviceId().orElse(null), who.guest());
                }),
                new Route(ChangePassword.ENDPOINT, request -> {
                    Requester who = request.requester();
                    UserId user = UserId.parse(who.userId());
                    var body = request.jsonBody();
                    uia.authenticate(body, PASSWORD_FLOW, Map.of(), "change_password", Optional.of(user));
                    if (!body.path("new_password").isTextual()) {
                        throw new MatrixException(ErrCode.MISSING_PARAM, "Missing new_password");
                    }
                    accounts.changePassword(user, body.path("new_password").asText());
                    if (body.path("logout_devices").asBoolean(true)) {
                        devices.deleteAllExcept(user, who.deviceId());
                    }
                    return Map.of();
                }),
                new Route(DeactivateAccount.ENDPOINT, request -> {
                    UserId user = UserId.parse(request.requester().userId());
                    var body = request.jsonBody();
                    uia.authenticate(body, PASSWORD_FLOW, Map.of(), "deactivate", Optional.of(user));
                    accounts.deactivate(user, body.path("erase").asBoolean(false));
                    devices.deleteAllExcept(user, Optional.empty());
                    return new DeactivateAccount.Response("no-support");
                }));
    }
}
