package dev.parley.core.id;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;

/**
 * Character-level rules shared by the identifiers of the spec appendix "Identifier Grammar":
 * UTF-8 byte lengths and the permissive "historical" localpart alphabet.
 */
final class IdentifierGrammar {
    /** Appendix "Common Identifier Format": user IDs, room IDs, aliases and event IDs. */
    static final int MAX_ID_BYTES = 255;

    private IdentifierGrammar() {
    }

    /** UTF-8 length of {@code s} without allocating; unpaired surrogates count as '?' would. */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * The localpart alphabet the appendix grants to historical user IDs, room ID localparts and
     * alias localparts: any non-surrogate code point except {@code :} and NUL (may be empty).
     */
    static boolean isOpaqueLocalpart(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':' || c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= to || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static void requireSigil(String s, char sigil, String what) {
        if (s == null || s.isEmpty() || s.charAt(0) != sigil) {
            throw invalid(what + " must start with '" + sigil + "'");
        }
    }

    static void requireMaxBytes(String s, String what) {
        if (utf8Length(s) > MAX_ID_BYTES) {
            throw invalid(what + " exceeds " + MAX_ID_BYTES + " bytes");
        }
    }

    static MatrixException invalid(String message) {
        return new MatrixException(ErrCode.INVALID_PARAM, message);
    }
}
