package dev.parley.core.id;

/**
 * A Matrix user ID, {@code @localpart:domain}.
 *
 * <p>Spec: appendix "User Identifiers". Construction accepts the historical grammar that servers
 * MUST accept over federation (any non-surrogate code point except {@code :} and NUL, even an
 * empty localpart); {@link #isStrictlyValid()} tells whether the localpart also meets the grammar
 * for new users ({@code [a-z0-9._=\-/+]+}). The whole ID may not exceed 255 bytes.
 *
 * <p>A class rather than a record so that it keeps its wire form: {@link #value()} is asked for in
 * every hot loop (filters, history visibility, formatting), and built anew each time it showed as
 * a tenth of a large initial {@code /sync}.
 */
public final class UserId {
    private final String localpart;
    private final ServerName server;
    private final String value;

    public UserId(String localpart, ServerName server) {
        if (localpart == null || server == null) {
            throw IdentifierGrammar.invalid("User ID needs a localpart and a server name");
        }
        if (!IdentifierGrammar.isOpaqueLocalpart(localpart, 0, localpart.length())) {
            throw IdentifierGrammar.invalid("User ID localpart may not contain ':', NUL or lone surrogates");
        }
        if (1 + IdentifierGrammar.utf8Length(localpart) + 1 + server.value().length() > IdentifierGrammar.MAX_ID_BYTES) {
            throw IdentifierGrammar.invalid("User ID exceeds " + IdentifierGrammar.MAX_ID_BYTES + " bytes");
        }
        this.localpart = localpart;
        this.server = server;
        this.value = "@" + localpart + ":" + server.value();
    }

    public String localpart() {
        return localpart;
    }

    public ServerName server() {
        return server;
    }

    /** Parses {@code @localpart:domain}, accepting historical localparts. */
    public static UserId parse(String s) {
        IdentifierGrammar.requireSigil(s, '@', "User ID");
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw IdentifierGrammar.invalid("User ID has no server name: " + s);
        }
        return new UserId(s.substring(1, colon), ServerName.parse(s.substring(colon + 1)));
    }

    /** True if {@code s} parses under the historical grammar. */
    public static boolean isValid(String s) {
        if (s == null || s.isEmpty() || s.charAt(0) != '@') {
            return false;
        }
        int colon = s.indexOf(':');
        return colon > 0
                && IdentifierGrammar.isOpaqueLocalpart(s, 1, colon)
                && ServerName.isValid(s.substring(colon + 1))
                && IdentifierGrammar.utf8Length(s) <= IdentifierGrammar.MAX_ID_BYTES;
    }

    /** A user ID with a localpart valid for a new user (spec grammar {@code user_id_char}). */
    public static UserId parseStrict(String s) {
        UserId id = parse(s);
        if (!id.isStrictlyValid()) {
            throw IdentifierGrammar.invalid("User ID localpart must only contain a-z, 0-9, '.', '_', '=', '-', '/', '+'");
        }
        return id;
    }

    /** The localpart is non-empty and uses only {@code a-z 0-9 . _ = - / +}. */
    public boolean isStrictlyValid() {
        return isStrictLocalpart(localpart);
    }

    /** The localpart only fits the historical grammar (deprecated, still accepted). */
    public boolean isHistorical() {
        return !isStrictlyValid();
    }

    /**
     * False for the IDs the appendix calls non-compliant: an empty localpart or one with
     * characters outside U+0021..U+007E. Servers accept them in events but SHOULD NOT forward
     * them to clients outside an event's context.
     */
    public boolean isCompliant() {
        if (localpart.isEmpty()) {
            return false;
        }
        for (int i = 0; i < localpart.length(); i++) {
            char c = localpart.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Grammar {@code user_id_localpart = 1*user_id_char}. */
    public static boolean isStrictLocalpart(String localpart) {
        if (localpart == null || localpart.isEmpty()) {
            return false;
        }
        for (int i = 0; i < localpart.length(); i++) {
            char c = localpart.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '=' || c == '_' || c == '/' || c == '+';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The wire form, {@code @localpart:domain}. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value();
    }
}
