package dev.parley.core.id;

/**
 * A signing key identifier, {@code algorithm:version}, e.g. {@code ed25519:a_AbC}.
 *
 * <p>Spec: appendix "Signing Details" (the signing key identifier is the algorithm and a key
 * identifier joined by {@code :}). Server key versions must match {@code [a-zA-Z0-9_]}
 * (server-server "Publishing Keys"); device key IDs use the device ID as the version, so the
 * general form only forbids an empty algorithm or version.
 */
public record KeyId(String algorithm, String version) {
    /** The only signing algorithm homeservers use. */
    public static final String ED25519 = "ed25519";

    public KeyId {
        if (algorithm == null || algorithm.isEmpty() || algorithm.indexOf(':') >= 0) {
            throw IdentifierGrammar.invalid("Key ID needs an algorithm without ':'");
        }
        if (version == null || version.isEmpty()) {
            throw IdentifierGrammar.invalid("Key ID needs a version");
        }
    }

    public static KeyId parse(String s) {
        int colon = s == null ? -1 : s.indexOf(':');
        if (colon < 0) {
            throw IdentifierGrammar.invalid("Key ID must be 'algorithm:version': " + s);
        }
        return new KeyId(s.substring(0, colon), s.substring(colon + 1));
    }

    public static boolean isValid(String s) {
        int colon = s == null ? -1 : s.indexOf(':');
        return colon > 0 && colon < s.length() - 1;
    }

    public static KeyId ed25519(String version) {
        return new KeyId(ED25519, version);
    }

    /** True if the version fits the server key grammar {@code [a-zA-Z0-9_]+}. */
    public boolean hasServerKeyVersion() {
        return isServerKeyVersion(version);
    }

    public static boolean isServerKeyVersion(String version) {
        if (version == null || version.isEmpty()) {
            return false;
        }
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The wire form, {@code algorithm:version}. */
    public String value() {
        return algorithm + ":" + version;
    }

    @Override
    public String toString() {
        return value();
    }
}
