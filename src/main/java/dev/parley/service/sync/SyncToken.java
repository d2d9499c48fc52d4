package dev.parley.service.sync;

import dev.parley.core.error.MatrixException;

/**
 * A {@code /sync} position over every stream it covers, written
 * {@code s<events>_<accountData>_<toDevice>_<receipts>_<typing>_<presence>_<deviceLists>}: the global
 * room-event stream, the user's account-data stream, the to-device stream (the syncing device's
 * acknowledgement of its messages), the receipts stream, the in-memory typing stream and the
 * presence stream, and the device-list stream (end-to-end encryption). New streams are appended
 * as further fields; a token with fewer fields reads the missing ones as 0.
 */
public record SyncToken(long events, long accountData, long toDevice, long receipts, long typing, long presence,
                        long deviceLists) {
    public static final SyncToken START = new SyncToken(0, 0, 0, 0, 0, 0, 0);
    private static final int FIELDS = 7;

    public static SyncToken parse(String token) {
        if (token == null || !token.startsWith("s")) {
            throw MatrixException.invalidParam("Invalid sync token");
        }
        String[] parts = token.substring(1).split("_", -1);
        if (parts.length > FIELDS) {
            throw MatrixException.invalidParam("Invalid sync token");
        }
        long[] values = new long[FIELDS];
        try {
            for (int i = 0; i < parts.length; i++) {
                values[i] = Long.parseLong(parts[i]);
                if (values[i] < 0) {
                    throw MatrixException.invalidParam("Invalid sync token");
                }
            }
        } catch (NumberFormatException e) {
            throw MatrixException.invalidParam("Invalid sync token");
        }
        return new SyncToken(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
    }

    @Override
    public String toString() {
        return "s" + events + "_" + accountData + "_" + toDevice + "_" + receipts + "_" + typing + "_" + presence
                + "_" + deviceLists;
    }
}
