package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/**
 * {@code POST /_matrix/client/v3/publicRooms} — Client-Server API, "Published room directory":
 * the directory with a filter. Query: {@code server}. Answers a {@link PublicRoomsResponse}.
 */
public final class QueryPublicRooms {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/publicRooms", Auth.REQUIRED);

    public record Request(Integer limit, String since, Filter filter, Boolean includeAllNetworks,
                          String thirdPartyInstanceId) {
    }

    /** @param roomTypes room types to include; a null entry stands for rooms without a type */
    public record Filter(String genericSearchTerm, List<String> roomTypes) {
    }

    private QueryPublicRooms() {
    }
}
