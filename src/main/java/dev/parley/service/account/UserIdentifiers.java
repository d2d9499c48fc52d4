package dev.parley.service.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads who a login or auth stage names: an {@code identifier} of type {@code m.id.user} with a
 * localpart or full user ID, or the deprecated top-level {@code user} field older clients send
 * (Client-Server API, "Identifier types"). Localparts are matched in lower case, as registered.
 */
final class UserIdentifiers {
    private UserIdentifiers() {
    }

    static Optional<UserId> fromAuth(JsonNode auth, ServerName localServer) {
        JsonNode identifier = auth.path("identifier");
        String user;
        if (identifier.isObject()) {
            if (!"m.id.user".equals(identifier.path("type").asText())) {
                return Optional.empty();
            }
            user = identifier.path("user").asText(null);
        } else {
            user = auth.path("user").asText(null);
        }
        if (user == null || user.isEmpty()) {
            return Optional.empty();
        }
        if (user.startsWith("@")) {
            if (!UserId.isValid(user)) {
                return Optional.empty();
            }
            UserId parsed = UserId.parse(user);
            return Optional.of(new UserId(parsed.localpart().toLowerCase(Locale.ROOT), parsed.server()));
        }
        String localpart = user.toLowerCase(Locale.ROOT);
        return UserId.isValid("@" + localpart + ":" + localServer.value())
                ? Optional.of(new UserId(localpart, localServer)) : Optional.empty();
    }
}
