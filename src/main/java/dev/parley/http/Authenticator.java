package dev.parley.http;

import java.util.Optional;

/**
 * Turns an access token into the requester it belongs to. Implemented by the account service
 * and handed to the HTTP layer by the wiring; empty means the token is unknown (or expired).
 */
@FunctionalInterface
public interface Authenticator {
    Optional<Requester> authenticate(String accessToken);
}
