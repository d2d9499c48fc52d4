package dev.parley.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A CIDR block ({@code 10.0.0.0/8}, {@code fe80::/10}; a bare address is a block of one), as
 * the URL-preview allow- and deny-lists are written. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.0.0.1}) are IPv4 addresses to Java, so they match IPv4 blocks.
 */
public record IpRange(byte[] network, int prefixLength, String text) {
    /**
     * Special-purpose ranges no URL preview should reach (IANA IPv4/IPv6 special-purpose
     * registries): this host, private networks, loopback, link-local, CGNAT, documentation,
     * benchmarking, multicast, reserved, 6to4/Teredo/NAT64 tunnels into those, unique-local.
     * IPv4-mapped IPv6 addresses need no entry: Java resolves them to IPv4 addresses, which
     * the IPv4 blocks cover.
     */
    public static final List<String> SPECIAL_PURPOSE = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23",
            "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    /** @throws IllegalArgumentException when {@code cidr} is not an address with an optional /prefix */
    public static IpRange parse(String cidr) {
        String trimmed = cidr.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
            // Only literals: a host name here would mean a DNS lookup while reading the configuration.
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block");
        }
        boolean mapped = bytes.length == 4 && address.contains(":");
        int bits = mapped ? 128 : bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + bits);
            }
        }
        if (mapped) {
            // ::ffff:a.b.c.d/n: Java hands back the IPv4 address, so the prefix counts from bit 96.
            prefix = Math.max(0, prefix - 96);
        }
        return new IpRange(bytes, prefix, trimmed);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
