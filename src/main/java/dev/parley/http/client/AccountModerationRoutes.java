package dev.parley.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.client.GetAdminLockUser;
import dev.parley.api.client.GetAdminSuspendUser;
import dev.parley.api.client.SetAdminLockUser;
import dev.parley.api.client.SetAdminSuspendUser;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.account.AccountModeration;
import dev.parley.service.account.AccountModeration.Restriction;
import dev.parley.service.account.AccountService;
import java.util.List;

/**
 * {@code GET}/{@code PUT /_matrix/client/v1/admin/lock/{userId}} and {@code .../suspend/{userId}}
 * (Client-Server API, "Server administration", v1.18).
 */
public final class AccountModerationRoutes {
    private final AccountModeration moderation;
    private final AccountService accounts;

    private AccountModerationRoutes(AccountModeration moderation, AccountService accounts) {
        this.moderation = moderation;
        this.accounts = accounts;
    }

    public static List<Route> routes(AccountModeration moderation, AccountService accounts) {
        var r = new AccountModerationRoutes(moderation, accounts);
        return List.of(
                new Route(GetAdminLockUser.ENDPOINT, request ->
                        new GetAdminLockUser.Response(r.get(request, Restriction.LOCKED))),
                new Route(SetAdminLockUser.ENDPOINT, request ->
                        new SetAdminLockUser.Response(r.put(request, Restriction.LOCKED, SetAdminLockUser.FIELD))),
                new Route(GetAdminSuspendUser.ENDPOINT, request ->
                        new GetAdminSuspendUser.Response(r.get(request, Restriction.SUSPENDED))),
                new Route(SetAdminSuspendUser.ENDPOINT, request ->
                        new SetAdminSuspendUser.Response(r.put(request, Restriction.SUSPENDED, SetAdminSuspendUser.FIELD))));
    }

    private boolean get(RequestContext request, Restriction restriction) {
        UserId admin = admin(request);
        return moderation.isRestricted(admin, target(request), restriction);
    }

    private boolean put(RequestContext request, Restriction restriction, String field) {
        UserId admin = admin(request);
        boolean on = flag(request, field);
        return moderation.restrict(admin, target(request), restriction, on);
    }

    /**
     * The requester, once known to be a server admin: "servers MUST ensure that authorisation is
     * checked prior to trying to do account lookups", so a non-admin is told {@code M_FORBIDDEN}
     * whatever the path or body hold.
     */
    private UserId admin(RequestContext request) {
        UserId admin = UserId.parse(request.requester().userId());
        accounts.requireAdmin(admin);
        return admin;
    }

    private static UserId target(RequestContext request) {
        return UserId.parse(request.pathParam("userId"));
    }

    /** The body's required boolean: absent is {@code M_MISSING_PARAM}, any other type {@code M_BAD_JSON}. */
    private static boolean flag(RequestContext request, String field) {
        JsonNode value = request.jsonBody().get(field);
        if (value == null || value.isNull()) {
            throw new MatrixException(ErrCode.MISSING_PARAM, "Missing '" + field + "'");
        }
        if (!value.isBoolean()) {
            throw MatrixException.badJson("'" + field + "' must be a boolean");
        }
        return value.booleanValue();
    }
}
