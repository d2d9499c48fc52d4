package dev.parley.service.account;

import dev.parley.api.client.GetWhoIs;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.store.DeviceRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is behind an account (Client-Server API, "Server administration", getWhoIs): the user's
 * devices and where each was last seen. Parley keeps one sighting per device (its latest
 * address, time and user agent), so each device reads as one session with at most one
 * connection (none for a device not used since it logged in).
 */
public final class Whois {
    private final AccountService accounts;
    private final Devices devices;

    public Whois(AccountService accounts, Devices devices) {
        this.accounts = accounts;
        this.devices = devices;
    }

    /**
     * "This API may be restricted to only be called by the user being looked up, or by a server
     * admin": those two may ask.
     *
     * @throws MatrixException {@code M_FORBIDDEN} for anyone else, {@code M_INVALID_PARAM} for a
     *     user of another server, {@code M_NOT_FOUND} for an unknown or deactivated user
     */
    public GetWhoIs.Response lookUp(UserId requester, UserId target) {
        if (!requester.equals(target)) {
            accounts.requireAdmin(requester);
        }
        if (!target.server().equals(accounts.serverName())) {
            throw MatrixException.invalidParam("User does not belong to the local server.");
        }
        if (accounts.find(target).filter(user -> !user.deactivated()).isEmpty()) {
            throw MatrixException.notFound("User not found.");
        }
        Map<String, GetWhoIs.DeviceInfo> out = new LinkedHashMap<>();
        for (DeviceRow row : devices.lastSeen(target)) {
            List<GetWhoIs.ConnectionInfo> connections = row.lastSeenTs().isEmpty() ? List.of()
                    : List.of(new GetWhoIs.ConnectionInfo(row.lastSeenIp().orElse(null), row.lastSeenTs().get(),
                            row.lastSeenUserAgent().orElse(null)));
            out.put(row.deviceId(), new GetWhoIs.DeviceInfo(List.of(new GetWhoIs.SessionInfo(connections))));
        }
        return new GetWhoIs.Response(target.value(), out);
    }
}
