package dev.parley.api.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_matrix/client/v3/admin/whois/{userId}} — Client-Server API, "Server
 * administration": where a user's devices were last seen from.
 */
public final class GetWhoIs {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/admin/whois/{userId}", Auth.REQUIRED);

    /** @param devices by device ID */
    public record Response(@JsonProperty("user_id") String userId, Map<String, DeviceInfo> devices) {
    }

    public record DeviceInfo(List<SessionInfo> sessions) {
    }

    public record SessionInfo(List<ConnectionInfo> connections) {
    }

    /** Fields the server has not seen (a device never used since login) are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectionInfo(String ip, @JsonProperty("last_seen") Long lastSeen,
                                 @JsonProperty("user_agent") String userAgent) {
    }

    private GetWhoIs() {
    }
}
