package dev.parley.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses a raw query string; names and values are percent-decoded and {@code +} is a space. */
final class QueryStrings {
    private QueryStrings() {
    }

    static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = PercentDecoding.decode((eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' '));
            String value = eq < 0 ? "" : PercentDecoding.decode(pair.substring(eq + 1).replace('+', ' '));
            out.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        }
        return out;
    }
}
