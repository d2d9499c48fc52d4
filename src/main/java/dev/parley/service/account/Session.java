package dev.parley.service.account;

import dev.parley.core.id.UserId;
import java.util.Optional;

/** The account and device an access token stands for. */
public record Session(UserId userId, Optional<String> deviceId, boolean guest) {
}
