package dev.parley.http.admin;

import dev.parley.api.admin.RegistrationTokensAdmin;
import dev.parley.api.admin.SharedSecretRegister;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.account.AccountService;
import dev.parley.service.account.RegistrationTokens;
import dev.parley.service.account.Sessions;
import dev.parley.service.account.SharedSecretRegistration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Synapse-compatible admin endpoints tools depend on. */
public final class AdminRoutes {
    private AdminRoutes() {
    }

    public static List<Route> routes(SharedSecretRegistration sharedSecret, RegistrationTokens tokens, AccountService accounts) {
        return List.of(
                new Route(SharedSecretRegister.NONCE, request -> new SharedSecretRegister.NonceResponse(sharedSecret.nonce())),
                new Route(SharedSecretRegister.REGISTER, request -> {
                    var body = request.body(SharedSecretRegister.Request.class);
                    if (body.nonce() == null || body.username() == null || body.password() == null || body.mac() == null) {
                        throw new MatrixException(ErrCode.MISSING_PARAM, "nonce, username, password and mac are required");
                    }
                    Sessions.Login login = sharedSecret.register(new SharedSecretRegistration.Request(body.nonce(),
                            body.username(), body.password(), Boolean.TRUE.equals(body.admin()),
                            Optional.ofNullable(body.userType()), Optional.ofNullable(body.displayname()), body.mac()));
                    return new SharedSecretRegister.Response(login.accessToken(), login.userId().value(),
                            login.userId().server().value(), login.deviceId());
                }),
                new Route(RegistrationTokensAdmin.LIST, request -> {
                    requireAdmin(request, accounts);
                    return new RegistrationTokensAdmin.TokenList(tokens.list());
                }),
                new Route(RegistrationTokensAdmin.CREATE, request -> {
                    requireAdmin(request, accounts);
                    var body = request.body(RegistrationTokensAdmin.CreateRequest.class);
                    return tokens.create(Optional.ofNullable(body.token()), Optional.ofNullable(body.usesAllowed()),
                            Optional.ofNullable(body.expiryTime()), body.length() == null ? 16 : body.length());
                }),
                new Route(RegistrationTokensAdmin.GET, request -> {
                    requireAdmin(request, accounts);
                    return tokens.get(request.pathParam("token"));
                }),
                new Route(RegistrationTokensAdmin.DELETE, request -> {
                    requireAdmin(request, accounts);
                    tokens.delete(request.pathParam("token"));
                    return Map.of();
                }));
    }

    static void requireAdmin(RequestContext request, AccountService accounts) {
        accounts.requireAdmin(UserId.parse(request.requester().userId()));
    }
}
