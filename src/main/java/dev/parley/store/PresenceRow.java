package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.Optional;

/**
 * A local user's presence (Client-Server API, "Presence").
 *
 * @param state {@code online}, {@code unavailable} or {@code offline}
 * @param lastActiveTs when the user last did something pro-active (ms since the epoch)
 * @param streamPos the presence stream position of the last change clients were told about
 */
public record PresenceRow(UserId userId, String state, Optional<String> statusMsg, long lastActiveTs,
                          boolean currentlyActive, long streamPos) {
}
