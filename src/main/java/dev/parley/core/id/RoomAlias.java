package dev.parley.core.id;

/**
 * A room alias, {@code #room_alias:domain}.
 *
 * <p>Spec: appendix "Room Aliases": the localpart may hold any non-surrogate code point except
 * {@code :} and NUL; the whole alias may not exceed 255 bytes.
 */
public record RoomAlias(String localpart, ServerName server) {
    public RoomAlias {
        if (localpart == null || server == null) {
            throw IdentifierGrammar.invalid("Room alias needs a localpart and a server name");
        }
        if (!IdentifierGrammar.isOpaqueLocalpart(localpart, 0, localpart.length())) {
            throw IdentifierGrammar.invalid("Room alias localpart may not contain ':', NUL or lone surrogates");
        }
        if (1 + IdentifierGrammar.utf8Length(localpart) + 1 + server.value().length() > IdentifierGrammar.MAX_ID_BYTES) {
            throw IdentifierGrammar.invalid("Room alias exceeds " + IdentifierGrammar.MAX_ID_BYTES + " bytes");
        }
    }

    public static RoomAlias parse(String s) {
        IdentifierGrammar.requireSigil(s, '#', "Room alias");
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw IdentifierGrammar.invalid("Room alias has no server name: " + s);
        }
        return new RoomAlias(s.substring(1, colon), ServerName.parse(s.substring(colon + 1)));
    }

    public static boolean isValid(String s) {
        if (s == null || s.isEmpty() || s.charAt(0) != '#') {
            return false;
        }
        int colon = s.indexOf(':');
        return colon > 0
                && IdentifierGrammar.isOpaqueLocalpart(s, 1, colon)
                && ServerName.isValid(s.substring(colon + 1))
                && IdentifierGrammar.utf8Length(s) <= IdentifierGrammar.MAX_ID_BYTES;
    }

    /** The wire form, {@code #localpart:domain}. */
    public String value() {
        return "#" + localpart + ":" + server.value();
    }

    @Override
    public String toString() {
        return value();
    }
}
