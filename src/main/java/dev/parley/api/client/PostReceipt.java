package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code POST /_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}} — Client-Server
 * API, "Receipts". Request: optional {@code thread_id}; the response is {}.
 */
public final class PostReceipt {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST,
            "/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}", Auth.REQUIRED);

    private PostReceipt() {
    }
}
