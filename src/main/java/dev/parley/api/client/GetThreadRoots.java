package dev.parley.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code GET /_matrix/client/v1/rooms/{roomId}/threads} — Client-Server API, "Threading" ({@code getThreadRoots}). */
public final class GetThreadRoots {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v1/rooms/{roomId}/threads", Auth.REQUIRED);

    /** {@code next_batch} is null (absent) on the last page. */
    public record Response(List<ObjectNode> chunk, String nextBatch) {
    }

    private GetThreadRoots() {
    }
}
