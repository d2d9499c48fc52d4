package dev.parley.store;

import dev.parley.core.id.UserId;

/** A local account that a server admin locked or suspended (Client-Server API, "Account moderation"). */
public record ModeratedUserRow(UserId userId, boolean locked, boolean suspended) {
}
