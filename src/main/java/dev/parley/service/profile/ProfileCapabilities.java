package dev.parley.service.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What users may change about their own profile, as the capabilities endpoint advertises it
 * (Client-Server API, "{@code m.profile_fields} capability" and the deprecated
 * "{@code m.set_displayname}" and "{@code m.set_avatar_url}" capabilities, which servers must
 * keep presenting consistently with it).
 *
 * @param enabled whether users may change profile fields at all
 */
public record ProfileCapabilities(boolean enabled) {
    /** The capability entries keyed by capability name, in wire shape. */
    public Map<String, Object> entries() {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("m.profile_fields", Map.of("enabled", enabled));
        entries.put("m.set_displayname", Map.of("enabled", enabled));
        entries.put("m.set_avatar_url", Map.of("enabled", enabled));
        return entries;
    }
}
