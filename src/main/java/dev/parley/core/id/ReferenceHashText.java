package dev.parley.core.id;

/**
 * The text of a domain-less event or room ID: the unpadded Base64 of a SHA-256 reference hash
 * (room versions 3+ for events, 12+ for rooms). 32 bytes always encode to 43 characters.
 */
final class ReferenceHashText {
    static final int LENGTH = 43;

    private ReferenceHashText() {
    }

    /** True if {@code s[from..]} is 43 characters of the standard or the URL-safe alphabet. */
    static boolean isValid(String s, int from) {
        if (s.length() - from != LENGTH) {
            return false;
        }
        boolean standard = false;
        boolean urlSafe = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '/') {
                standard = true;
            } else if (c == '-' || c == '_') {
                urlSafe = true;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return !(standard && urlSafe);
    }

    static boolean containsAny(String s, char a, char b) {
        return s.indexOf(a) >= 0 || s.indexOf(b) >= 0;
    }
}
