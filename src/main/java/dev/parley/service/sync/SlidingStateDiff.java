package dev.parley.service.sync;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.UserId;
import dev.parley.service.sync.SlidingSyncRequest.RoomConfig;
import dev.parley.store.StoredEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a room's state moved between what a sliding sync connection sent ({@code then}, empty on a
 * first send) and now, and which of it the room config's {@code required_state} sends (MSC4186).
 *
 * @param wanted the state now that the config wants and the client lacks
 * @param deleted the wanted state keys gone since {@code then}
 * @param changed every key whose event differs from {@code then}, deleted ones included
 * @param lazySent the members whose membership the client has, after this send
 */
record SlidingStateDiff(Set<StateKey> wanted, Set<StateKey> deleted, Set<StateKey> changed, Set<UserId> lazySent) {

    /**
     * @param timeline the timeline events sent: with lazily loaded members, their senders' and
     *     targets' memberships are wanted (a superset of the events gives a superset of what is wanted)
     * @param lazyBefore the members whose membership the client already has
     */
    static SlidingStateDiff of(UserId user, RoomConfig config, Map<StateKey, EventId> now, Map<StateKey, EventId> then,
                               boolean initial, boolean limited, List<StoredEvent> timeline, Set<UserId> lazyBefore) {
        Set<UserId> lazySent = new HashSet<>(initial ? Set.of() : lazyBefore);
        Set<StateKey> wanted = new HashSet<>();
        Set<StateKey> deleted = new HashSet<>();
        now.forEach((key, id) -> {
            if (!id.equals(then.get(key)) && config.requiredState().wants(key, user)) {
                wanted.add(key);
            }
        });
        then.keySet().stream().filter(key -> !now.containsKey(key) && config.requiredState().wants(key, user))
                .forEach(deleted::add);
        if (config.requiredState().lazyMembers()) {
            // MSC4186, "Lazy loaded memberships": the senders and targets of the timeline's events...
            for (StoredEvent event : timeline) {
                lazyMember(event.pdu().sender().value(), now, lazySent, wanted);
                if (StateKey.MEMBER.equals(event.pdu().type()) && event.pdu().stateKey() != null) {
                    lazyMember(event.pdu().stateKey(), now, lazySent, wanted);
                }
            }
            // ...and, without a gap, every membership that changed since the room was last sent.
            if (!initial && !limited) {
                now.forEach((key, id) -> {
                    if (StateKey.MEMBER.equals(key.type()) && !id.equals(then.get(key))) {
                        wanted.add(key);
                        lazySent.add(UserId.parse(key.stateKey()));
                    }
                });
            }
        }
        Set<StateKey> changed = new HashSet<>();
        now.forEach((key, id) -> {
            if (!id.equals(then.get(key))) {
                changed.add(key);
            }
        });
        changed.addAll(deleted);
        return new SlidingStateDiff(wanted, deleted, changed, lazySent);
    }

    boolean membersChanged() {
        return changed.stream().anyMatch(k -> StateKey.MEMBER.equals(k.type()));
    }

    private static void lazyMember(String userId, Map<StateKey, EventId> state, Set<UserId> sent, Set<StateKey> wanted) {
        StateKey key = StateKey.member(userId);
        if (state.containsKey(key) && sent.add(UserId.parse(userId))) {
            wanted.add(key);
        }
    }
}
