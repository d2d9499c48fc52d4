package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/**
 * {@code GET /_matrix/client/v1/room_summary/{roomIdOrAlias}} — Client-Server API, "Room
 * Summaries" ({@code getRoomSummary}, v1.15). The access token is optional: without one, only
 * rooms anyone may join, knock on or read are summarised.
 */
public final class GetRoomSummary {
    public static final Endpoint ENDPOINT =
            Endpoint.client(Method.GET, "/v1/room_summary/{roomIdOrAlias}", Auth.OPTIONAL);

    /**
     * {@code definitions/room_summary.yaml} plus the requester's {@code membership} (absent when
     * unauthenticated); absent fields are null.
     */
    public record Response(String roomId, String name, String topic, String canonicalAlias, String avatarUrl,
                           long numJoinedMembers, boolean worldReadable, boolean guestCanJoin, String joinRule,
                           String roomType, List<String> allowedRoomIds, String encryption, String roomVersion,
                           String membership) {
    }

    private GetRoomSummary() {
    }
}
