package dev.parley.core.id;

import java.util.OptionalInt;

/**
 * A homeserver's name: {@code hostname [ ":" port ]}, where the hostname is a dotted-quad IPv4
 * literal, a bracketed IPv6 literal, or a DNS name.
 *
 * <p>Spec: appendix "Server Name". Server names are compared case-sensitively, exactly as
 * written, so the record keeps the original string.
 */
public record ServerName(String value) {
    /** Grammar: {@code dns-name = 1*255dns-char}. */
    private static final int MAX_DNS_NAME = 255;

    public ServerName {
        String problem = problem(value);
        if (problem != null) {
            throw IdentifierGrammar.invalid("Invalid server name '" + value + "': " + problem);
        }
    }

    public static ServerName parse(String value) {
        return new ServerName(value);
    }

    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    /** The hostname part: a DNS name, an IPv4 literal, or an IPv6 literal with its brackets. */
    public String host() {
        int colon = portSeparator(value);
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** The explicit port, if any. */
    public OptionalInt port() {
        int colon = portSeparator(value);
        return colon < 0 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.substring(colon + 1)));
    }

    /** True when the hostname is an IPv4 or IPv6 literal rather than a DNS name. */
    public boolean isIpLiteral() {
        String host = host();
        return host.startsWith("[") || isIpv4(host);
    }

    @Override
    public String toString() {
        return value;
    }

    private static int portSeparator(String s) {
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close + 1 < s.length() ? close + 1 : -1;
        }
        return s.indexOf(':');
    }

    /** Null when valid, else a short reason. */
    private static String problem(String s) {
        if (s == null || s.isEmpty()) {
            return "empty";
        }
        String host;
        String port = null;
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0) {
                return "unclosed IPv6 literal";
            }
            host = s.substring(0, close + 1);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    return "junk after IPv6 literal";
                }
                port = s.substring(close + 2);
            }
            if (!Ipv6Literal.isValid(host.substring(1, host.length() - 1))) {
                return "bad IPv6 literal";
            }
        } else {
            int colon = s.indexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
            if (looksLikeIpv4(host)) {
                if (!isIpv4(host)) {
                    // "IPv4 literals must be a sequence of four decimal numbers in the range 0 to 255".
                    return "bad IPv4 literal";
                }
            } else if (!isDnsName(host)) {
                return "bad DNS name";
            }
        }
        if (port != null && !isPort(port)) {
            return "bad port";
        }
        return null;
    }

    /** Grammar: {@code port = 1*5DIGIT}. */
    private static boolean isPort(String p) {
        if (p.isEmpty() || p.length() > 5) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (!isDigit(p.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDnsName(String h) {
        if (h.isEmpty() || h.length() > MAX_DNS_NAME) {
            return false;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** Shape {@code 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT}, range not yet checked. */
    private static boolean looksLikeIpv4(String h) {
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (!isDigit(part.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isIpv4(String h) {
        if (!looksLikeIpv4(h)) {
            return false;
        }
        for (String part : h.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
