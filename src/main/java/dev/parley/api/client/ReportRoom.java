package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/rooms/{roomId}/report} — Client-Server API, "Reporting content" ({@code reportRoom}, v1.13). */
public final class ReportRoom {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/rooms/{roomId}/report", Auth.REQUIRED);

    /** {@code reason} is required, and may be blank. */
    public record Request(String reason) {
    }

    private ReportRoom() {
    }
}
