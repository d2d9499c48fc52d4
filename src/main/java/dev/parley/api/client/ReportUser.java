package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/users/{userId}/report} — Client-Server API, "Reporting content" ({@code reportUser}, v1.14). */
public final class ReportUser {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/users/{userId}/report", Auth.REQUIRED);

    /** {@code reason} is required, and may be blank. */
    public record Request(String reason) {
    }

    private ReportUser() {
    }
}
