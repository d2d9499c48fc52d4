package dev.parley.http;

import java.util.Optional;

/**
 * Who a request acts for, as established from its access token.
 *
 * @param userId the full Matrix user ID
 * @param deviceId the device the token belongs to, if any
 * @param guest whether the account is a guest account
 */
public record Requester(String userId, Optional<String> deviceId, boolean guest) {
}
