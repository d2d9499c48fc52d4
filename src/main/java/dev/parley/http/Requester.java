package dev.parley.http;

import java.util.Optional;

/**
 * Who a request acts for, as established from its access token.
 *
 * @param userId the full Matrix user ID
 * @param deviceId the device the token belongs to, if any
 * @param guest whether the account is a guest account
 * @param locked whether a server admin locked the account (Client-Server API, "Account locking")
 * @param suspended whether a server admin suspended the account ("Account suspension")
 */
public record Requester(String userId, Optional<String> deviceId, boolean guest, boolean locked, boolean suspended) {
    /** A requester whose account is neither locked nor suspended. */
    public Requester(String userId, Optional<String> deviceId, boolean guest) {
        this(userId, deviceId, guest, false, false);
    }
}
