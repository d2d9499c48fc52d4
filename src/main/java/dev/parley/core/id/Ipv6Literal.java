package dev.parley.core.id;

/**
 * The text form of an IPv6 address per RFC 3513 section 2.2, which the appendix "Server Name"
 * requires inside the brackets: eight 16-bit hex groups, at most one {@code ::} standing for a
 * run of zero groups, and optionally a dotted-quad IPv4 tail standing for the last two groups.
 */
final class Ipv6Literal {
    /** Grammar: {@code IPv6address = 2*45IPv6char}. */
    private static final int MIN_CHARS = 2;
    private static final int MAX_CHARS = 45;
    private static final int GROUPS = 8;

    private Ipv6Literal() {
    }

    static boolean isValid(String s) {
        if (s.length() < MIN_CHARS || s.length() > MAX_CHARS) {
            return false;
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (doubleColon < 0) {
            int groups = countGroups(s, true);
            return groups == GROUPS;
        }
        String head = s.substring(0, doubleColon);
        String tail = s.substring(doubleColon + 2);
        int headGroups = head.isEmpty() ? 0 : countGroups(head, false);
        int tailGroups = tail.isEmpty() ? 0 : countGroups(tail, true);
        if (headGroups < 0 || tailGroups < 0) {
            return false;
        }
        // "::" stands for at least one group of zeros.
        return headGroups + tailGroups <= GROUPS - 1;
    }

    /**
     * Counts the 16-bit groups in a colon-separated run, or -1 if malformed. An IPv4 tail is
     * allowed only where the run ends the address, and counts as two groups.
     */
    private static int countGroups(String run, boolean mayEndWithIpv4) {
        String[] parts = run.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (last && mayEndWithIpv4 && part.indexOf('.') >= 0) {
                if (!isDottedQuad(part)) {
                    return -1;
                }
                groups += 2;
            } else if (isHexGroup(part)) {
                groups += 1;
            } else {
                return -1;
            }
        }
        return groups;
    }

    private static boolean isHexGroup(String p) {
        if (p.isEmpty() || p.length() > 4) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDottedQuad(String p) {
        String[] octets = p.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3) {
                return false;
            }
            for (int i = 0; i < o.length(); i++) {
                if (o.charAt(i) < '0' || o.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }
}
