package dev.parley.core.id;

/**
 * A device ID. The spec treats it as an opaque string chosen by the server or the client
 * (Client-Server API "Relationship between access tokens and devices"); we only reject values
 * that cannot be stored or keyed safely: empty, NUL, lone surrogates, or more than 255 bytes.
 */
public record DeviceId(String value) {
    public DeviceId {
        if (value == null || value.isEmpty()) {
            throw IdentifierGrammar.invalid("Device ID may not be empty");
        }
        if (!isValid(value)) {
            throw IdentifierGrammar.invalid("Invalid device ID");
        }
    }

    public static DeviceId parse(String value) {
        return new DeviceId(value);
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || IdentifierGrammar.utf8Length(value) > IdentifierGrammar.MAX_ID_BYTES) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
