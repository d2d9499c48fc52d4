package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/**
 * {@code GET /_matrix/client/v1/mutual_rooms?user_id=&from=} — Client-Server API, "Mutual Rooms"
 * ({@code getMutualRooms}, v1.19, MSC2666): the rooms both the requester and another user are
 * joined to.
 */
public final class GetMutualRooms {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v1/mutual_rooms", Auth.REQUIRED);

    /** @param count every mutual room, not only this batch's; {@code next_batch} null on the last batch */
    public record Response(List<String> joined, long count, String nextBatch) {
    }

    private GetMutualRooms() {
    }
}
