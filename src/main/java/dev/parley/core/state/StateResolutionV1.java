package dev.parley.core.state;

import dev.parley.core.auth.AuthState;
import dev.parley.core.auth.EventAuthorizer;
import dev.parley.core.auth.EventSource;
import dev.parley.core.auth.SignatureCheck;
import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.room.RoomVersion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * State resolution of room version 1. Start from the union of the states without the
 * conflicting keys (keys with different event IDs in different states); resolve conflicts on
 * {@code m.room.power_levels}, then {@code m.room.join_rules}, then {@code m.room.member} by
 * sorting by ascending depth then descending sha1(event_id), taking the first and then each next
 * one while the authorization rules allow it in the state so far; for any other key take the
 * event with the highest depth and lowest sha1(event_id) that the rules allow.
 */
final class StateResolutionV1 implements StateResolver {
    private static final Comparator<Pdu> ASCENDING_DEPTH_DESCENDING_SHA1 = Comparator
            .comparingLong(Pdu::depth)
            .thenComparing(StateResolutionV1::sha1Hex, Comparator.reverseOrder());

    private final RoomVersion version;
    private final EventSource source;
    private final SignatureCheck signatures;

    StateResolutionV1(RoomVersion version, EventSource source, SignatureCheck signatures) {
        this.version = version;
        this.source = source;
        this.signatures = signatures;
    }

    @Override
    public StateMap resolve(List<StateMap> states) {
        if (states.isEmpty()) {
            return StateMap.empty();
        }
        ResolutionEvents events = new ResolutionEvents(source);
        EventAuthorizer authorizer = new EventAuthorizer(version, signatures);
        Map<StateKey, Set<EventId>> values = new HashMap<>();
        for (StateMap state : states) {
            state.asMap().forEach((key, id) -> values.computeIfAbsent(key, k -> new LinkedHashSet<>(2)).add(id));
        }
        // "Start by setting R to the union of the states to be resolved, excluding any conflicting events."
        Map<StateKey, EventId> resolved = new HashMap<>(values.size() * 2);
        Map<StateKey, List<Pdu>> conflicts = new HashMap<>();
        values.forEach((key, ids) -> {
            if (ids.size() == 1) {
                resolved.put(key, ids.iterator().next());
            } else {
                List<Pdu> candidates = new ArrayList<>(ids.size());
                ids.forEach(id -> Optional.ofNullable(events.get(id)).ifPresent(candidates::add));
                conflicts.put(key, candidates);
            }
        });
        AuthState r = key -> Optional.ofNullable(resolved.get(key)).map(events::get);
        Set<StateKey> done = new HashSet<>();
        // Power levels, then join rules, then memberships: "No other events affect the authorisation rules".
        for (String type : List.of(StateKey.POWER_LEVELS, StateKey.JOIN_RULES, StateKey.MEMBER)) {
            conflicts.keySet().stream().filter(k -> k.type().equals(type)).sorted(Comparator.comparing(StateKey::stateKey))
                    .forEach(key -> {
                        resolveAuthConflict(key, conflicts.get(key), resolved, r, authorizer);
                        done.add(key);
                    });
        }
        conflicts.forEach((key, candidates) -> {
            if (!done.contains(key)) {
                resolveOtherConflict(key, candidates, resolved, r, authorizer);
            }
        });
        return StateMap.adopt(resolved);
    }

    /**
     * "Sort the list by ascending depth then descending sha1(event_id). Add the first event in the
     * list to R. For each subsequent event in the list, check that the event would be allowed by
     * the authorisation rules for a room in state R. If the event would be allowed, then update R
     * with the event and continue with the next event in the list. If it would not be allowed, stop."
     */
    private static void resolveAuthConflict(StateKey key, List<Pdu> candidates, Map<StateKey, EventId> resolved,
                                            AuthState r, EventAuthorizer authorizer) {
        List<Pdu> sorted = new ArrayList<>(candidates);
        sorted.sort(ASCENDING_DEPTH_DESCENDING_SHA1);
        if (sorted.isEmpty()) {
            return;
        }
        resolved.put(key, sorted.getFirst().eventId());
        for (Pdu event : sorted.subList(1, sorted.size())) {
            if (!authorizer.authorizeByState(event, r).isAllowed()) {
                return;
            }
            resolved.put(key, event.eventId());
        }
    }

    /**
     * "For all other conflicts, just pick the event with the highest depth and lowest
     * sha1(event_id) that passes authentication in R and add it to R."
     */
    private static void resolveOtherConflict(StateKey key, List<Pdu> candidates, Map<StateKey, EventId> resolved,
                                             AuthState r, EventAuthorizer authorizer) {
        List<Pdu> sorted = new ArrayList<>(candidates);
        sorted.sort(ASCENDING_DEPTH_DESCENDING_SHA1.reversed());
        for (Pdu event : sorted) {
            if (authorizer.authorizeByState(event, r).isAllowed()) {
                resolved.put(key, event.eventId());
                return;
            }
        }
    }

    private static String sha1Hex(Pdu event) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(event.eventId().value().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK always provides SHA-1", e);
        }
    }
}
