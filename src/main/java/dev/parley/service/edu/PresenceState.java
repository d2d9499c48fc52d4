package dev.parley.service.edu;

import dev.parley.core.error.MatrixException;
import java.util.Locale;

/** The {@code presence} values of Client-Server API, "Presence". */
public enum PresenceState {
    ONLINE, UNAVAILABLE, OFFLINE;

    public static PresenceState parse(String value) {
        for (PresenceState state : values()) {
            if (state.wire().equals(value)) {
                return state;
            }
        }
        throw MatrixException.invalidParam("presence must be one of online, unavailable, offline");
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
