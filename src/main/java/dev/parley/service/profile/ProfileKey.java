package dev.parley.service.profile;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A profile field name as {@code setProfileField} allows it: {@code avatar_url},
 * {@code displayname}, {@code m.tz}, or a namespaced custom field such as {@code org.example.job}.
 */
record ProfileKey(String name) {
    static final String DISPLAYNAME = "displayname";
    static final String AVATAR_URL = "avatar_url";
    static final String TIME_ZONE = "m.tz";
    /** The {@code keyName} pattern of profile.yaml. */
    private static final Pattern KEY_NAME =
            Pattern.compile("^(avatar_url|displayname|m\\.tz|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+)$");
    private static final int MAX_KEY_BYTES = 255;

    /** @throws MatrixException {@code M_KEY_TOO_LARGE} over 255 bytes, else {@code M_INVALID_PARAM} if malformed */
    static ProfileKey parse(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new MatrixException(ErrCode.KEY_TOO_LARGE, "Profile keys may not exceed " + MAX_KEY_BYTES + " bytes");
        }
        if (!KEY_NAME.matcher(name).matches()) {
            throw MatrixException.invalidParam("Invalid profile key: " + name);
        }
        return new ProfileKey(name);
    }
}
