package dev.parley.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.json.Json;
import dev.parley.core.room.RedactionRules;
import dev.parley.core.room.RoomVersion;

import java.util.Set;

/**
 * The redaction algorithm: what is left of an event once it is redacted. It is applied when a
 * redaction is honoured, and to every event before it is signed or its reference hash taken
 * (server-server "Signing Events"). Spec: Client-Server "Redactions" and each room version's
 * "Redactions" section; the rule sets are {@link RedactionRules} (v1, v6, v8, v9, v11).
 */
public final class Redaction {
    /** Top-level keys kept by the v1 to v9 rule sets. */
    private static final Set<String> KEYS_V1 = Set.of("event_id", "type", "room_id", "sender", "state_key",
            "content", "hashes", "signatures", "depth", "prev_events", "prev_state", "auth_events", "origin",
            "origin_server_ts", "membership");
    /** v11: {@code origin}, {@code membership} and {@code prev_state} are no longer protected. */
    private static final Set<String> KEYS_V11 = Set.of("event_id", "type", "room_id", "sender", "state_key",
            "content", "hashes", "signatures", "depth", "prev_events", "auth_events", "origin_server_ts");

    private static final Set<String> POWER_LEVELS = Set.of("ban", "events", "events_default", "kick", "redact",
            "state_default", "users", "users_default");
    private static final Set<String> POWER_LEVELS_V11 = Set.of("ban", "events", "events_default", "invite", "kick",
            "redact", "state_default", "users", "users_default");

    private Redaction() {
    }

    /** A redacted deep copy of {@code event} under the version's rule set; the input is untouched. */
    public static ObjectNode redact(ObjectNode event, RoomVersion version) {
        return redact(event, version.redactionRules());
    }

    public static ObjectNode redact(ObjectNode event, RedactionRules rules) {
        return prune(event, rules, true);
    }

    /**
     * The redacted form sharing the kept values with {@code event} instead of copying them; for
     * hashing and signing, which only read it. Callers must not mutate the result.
     */
    static ObjectNode redactedView(ObjectNode event, RedactionRules rules) {
        return prune(event, rules, false);
    }

    private static ObjectNode prune(ObjectNode event, RedactionRules rules, boolean copy) {
        Set<String> keep = rules == RedactionRules.V11 ? KEYS_V11 : KEYS_V1;
        ObjectNode out = Json.MAPPER.createObjectNode();
        var fields = event.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = field.getKey();
            if (!keep.contains(key)) {
                continue;
            }
            if (key.equals("content")) {
                JsonNode content = field.getValue();
                JsonNode type = event.get("type");
                out.set("content", content.isObject() && type != null && type.isTextual()
                        ? prunedContent((ObjectNode) content, type.textValue(), rules, copy)
                        : Json.MAPPER.createObjectNode());
            } else {
                out.set(key, copy ? field.getValue().deepCopy() : field.getValue());
            }
        }
        return out;
    }

    private static ObjectNode prunedContent(ObjectNode content, String type, RedactionRules rules, boolean copy) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (type) {
            case "m.room.member" -> {
                keep(content, out, "membership", copy);
                if (rules.compareTo(RedactionRules.V9) >= 0) {
                    keep(content, out, "join_authorised_via_users_server", copy);
                }
                if (rules == RedactionRules.V11) {
                    // v11: "it allows the signed key of the third_party_invite key".
                    JsonNode invite = content.get("third_party_invite");
                    if (invite != null && invite.isObject() && invite.has("signed")) {
                        ObjectNode kept = out.putObject("third_party_invite");
                        kept.set("signed", copy ? invite.get("signed").deepCopy() : invite.get("signed"));
                    }
                }
            }
            case "m.room.create" -> {
                if (rules == RedactionRules.V11) {
                    return copy ? content.deepCopy() : content;
                }
                keep(content, out, "creator", copy);
            }
            case "m.room.join_rules" -> {
                keep(content, out, "join_rule", copy);
                if (rules.compareTo(RedactionRules.V8) >= 0) {
                    keep(content, out, "allow", copy);
                }
            }
            case "m.room.power_levels" -> {
                for (String key : rules == RedactionRules.V11 ? POWER_LEVELS_V11 : POWER_LEVELS) {
                    keep(content, out, key, copy);
                }
            }
            case "m.room.aliases" -> {
                // v6 removed "all significant meaning for m.room.aliases" from redaction.
                if (rules == RedactionRules.V1) {
                    keep(content, out, "aliases", copy);
                }
            }
            case "m.room.history_visibility" -> keep(content, out, "history_visibility", copy);
            case "m.room.redaction" -> {
                if (rules == RedactionRules.V11) {
                    keep(content, out, "redacts", copy);
                }
            }
            default -> {
                // Every other event type loses its whole content.
            }
        }
        return out;
    }

    private static void keep(ObjectNode from, ObjectNode to, String key, boolean copy) {
        JsonNode value = from.get(key);
        if (value != null) {
            to.set(key, copy ? value.deepCopy() : value);
        }
    }
}
