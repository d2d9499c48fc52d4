package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code POST /_matrix/client/v3/rooms/{roomId}/upgrade} — Client-Server API, "Room upgrades" (operation upgradeRoom). */
public final class UpgradeRoom {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/rooms/{roomId}/upgrade", Auth.REQUIRED);

    public record Request(String newVersion, List<String> additionalCreators) {
    }

    public record Response(String replacementRoom) {
    }

    private UpgradeRoom() {
    }
}
