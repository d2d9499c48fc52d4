package dev.parley.service.sync;

import dev.parley.core.error.MatrixException;

/**
 * A {@code /sync} position over every stream it covers, written {@code s<events>_<accountData>}:
 * the global room-event stream and the user's account-data stream. New streams (to-device,
 * receipts, typing, presence, device lists) are appended as further fields; a token with fewer
 * fields reads the missing ones as 0.
 */
public record SyncToken(long events, long accountData) {
    public static final SyncToken START = new SyncToken(0, 0);

    public static SyncToken parse(String token) {
        if (token == null || !token.startsWith("s")) {
            throw MatrixException.invalidParam("Invalid sync token");
        }
        String[] parts = token.substring(1).split("_", -1);
        try {
            long events = Long.parseLong(parts[0]);
            long accountData = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            if (events < 0 || accountData < 0) {
                throw MatrixException.invalidParam("Invalid sync token");
            }
            return new SyncToken(events, accountData);
        } catch (NumberFormatException e) {
            throw MatrixException.invalidParam("Invalid sync token");
        }
    }

    @Override
    public String toString() {
        return "s" + events + "_" + accountData;
    }
}
