package dev.parley.store;

import java.util.Optional;

/**
 * A token for {@code m.login.registration_token}: usable while unexpired and while
 * {@code pending + completed < usesAllowed} (no limit when absent).
 */
public record RegistrationTokenRow(String token, Optional<Integer> usesAllowed, int pending, int completed,
                                   Optional<Long> expiryTime) {
    public boolean isValid(long now) {
        return expiryTime.map(t -> now < t).orElse(true)
                && usesAllowed.map(allowed -> pending + completed < allowed).orElse(true);
    }
}
