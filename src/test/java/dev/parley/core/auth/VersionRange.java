package dev.parley.core.auth;

import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;

import java.util.ArrayList;
import java.util.List;

/** The room version ranges of the vector files: {@code "12"} or {@code "1-5"}. */
public final class VersionRange {

    private VersionRange() {
    }

    public static List<RoomVersion> expand(String range) {
        int dash = range.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        int to = Integer.parseInt(dash < 0 ? range : range.substring(dash + 1));
        List<RoomVersion> versions = new ArrayList<>();
        for (int v = from; v <= to; v++) {
            versions.add(RoomVersions.get(Integer.toString(v)));
        }
        return versions;
    }

    public static boolean covers(String range, RoomVersion version) {
        return expand(range).contains(version);
    }
}
