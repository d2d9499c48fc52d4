package dev.parley.service.room;

import dev.parley.core.id.UserId;
import java.util.Optional;

/** A user's display name and avatar, copied into their membership events as the spec suggests. */
public interface MemberProfiles {
    Optional<String> displayName(UserId userId);

    Optional<String> avatarUrl(UserId userId);
}
