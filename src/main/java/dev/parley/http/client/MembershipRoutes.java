package dev.parley.http.client;

import dev.parley.api.client.ForgetRoom;
import dev.parley.api.client.KnockRoom;
import dev.parley.api.client.UpgradeRoom;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.room.Memberships;
import dev.parley.service.room.RoomAliases;
import dev.parley.service.room.RoomUpgrades;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Knocking, forgetting and upgrading rooms. */
public final class MembershipRoutes {
    private MembershipRoutes() {
    }

    public static List<Route> routes(Memberships memberships, RoomAliases aliases, RoomUpgrades upgrades) {
        return List.of(
                new Route(KnockRoom.ENDPOINT, request -> {
                    String target = request.pathParam("roomIdOrAlias");
                    RoomId roomId = target.startsWith("#")
                            ? aliases.resolve(RoomAlias.parse(target))
                                    .orElseThrow(() -> MatrixException.notFound("Unknown room alias " + target))
                            : RoomId.parse(target);
                    memberships.knock(roomId, user(request),
                            Optional.ofNullable(request.body(KnockRoom.Request.class).reason()));
                    return new KnockRoom.Response(roomId.value());
                }),
                new Route(ForgetRoom.ENDPOINT, request -> {
                    memberships.forget(room(request), user(request));
                    return Map.of();
                }),
                new Route(UpgradeRoom.ENDPOINT, request -> {
                    UpgradeRoom.Request body = request.body(UpgradeRoom.Request.class);
                    if (body.newVersion() == null) {
                        throw new MatrixException(ErrCode.MISSING_PARAM, "Missing new_version");
                    }
                    RoomId replacement = upgrades.upgrade(room(request), user(request), body.newVersion(),
                            body.additionalCreators() == null ? List.of() : body.additionalCreators());
                    return new UpgradeRoom.Response(replacement.value());
                }));
    }

    private static RoomId room(RequestContext request) {
        return RoomId.parse(request.pathParam("roomId"));
    }

    private static UserId user(RequestContext request) {
        return UserId.parse(request.requester().userId());
    }
}
