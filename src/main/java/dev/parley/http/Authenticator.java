package dev.parley.http;

import java.util.Optional;

/**
 * Turns an access token into the requester it belongs to. Implemented by the account service
 * and handed to the HTTP layer by the wiring; empty means the token is unknown. It may throw a
 * {@code MatrixException} itself (an expired token is {@code M_UNKNOWN_TOKEN} with
 * {@code soft_logout: true}). The client's address and user agent are passed so the device's
 * last-seen details can be kept.
 */
@FunctionalInterface
public interface Authenticator {
    Optional<Requester> authenticate(String accessToken, String clientIp, String userAgent);
}
