package dev.parley.service.media;

import dev.parley.config.IpRange;
import java.net.InetAddress;
import java.util.List;

/**
 * Which addresses the server may connect to on a client's behalf (URL previews): anything not
 * in the deny-list, plus whatever the allow-list names. Checked on resolved addresses, so a
 * name pointing at the server's own network is refused like the address itself.
 */
public record AddressPolicy(List<IpRange> denylist, List<IpRange> allowlist) {
    public AddressPolicy {
        denylist = List.copyOf(denylist);
        allowlist = List.copyOf(allowlist);
    }

    public boolean permits(InetAddress address) {
        if (allowlist.stream().anyMatch(r -> r.contains(address))) {
            return true;
        }
        return denylist.stream().noneMatch(r -> r.contains(address));
    }
}
