package dev.parley.service.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.PowerLevels;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;
import dev.parley.service.room.EventPipeline.Draft;
import dev.parley.store.RoomAliasStore;
import dev.parley.store.RoomRow;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code POST /rooms/{roomId}/upgrade} (Client-Server API, "Room upgrades", "Server behaviour"):
 * <ol>
 *   <li>the user must be able to send {@code m.room.tombstone} in the old room;</li>
 *   <li>a new room is created whose {@code m.room.create} names its {@code predecessor} (the old
 *       room and its last event — deprecated since 1.16 but still to be set where practical) and
 *       copies the old {@code type}; v12+ take {@code additional_creators} from the request only;</li>
 *   <li>the recommended state is copied ({@link #TRANSFERRED}, power levels first), and bans with it;</li>
 *   <li>local aliases, the canonical alias and the directory listing move to the new room;</li>
 *   <li>the old room gets its {@code m.room.tombstone};</li>
 *   <li>the old room's {@code events_default} and {@code invite} are raised to the greater of 50
 *       and {@code users_default + 1}, where the user may change its power levels.</li>
 * </ol>
 */
public final class RoomUpgrades {
    /** The state events step 3 recommends transferring (power levels are handled on their own). */
    static final List<String> TRANSFERRED = List.of("m.room.join_rules", "m.room.history_visibility",
            "m.room.guest_access", "m.room.name", "m.room.topic", "m.room.avatar", "m.room.encryption",
            "m.room.server_acl");
    private static final String TOMBSTONE = "m.room.tombstone";

    private final EventPipeline pipeline;
    private final Memberships memberships;
    private final RoomStore store;
    private final RoomAliasStore aliases;
    private final RoomPower power;
    private final RoomLocks locks = new RoomLocks();

    public RoomUpgrades(EventPipeline pipeline, Memberships memberships, RoomStore store, RoomAliasStore aliases) {
        this.pipeline = pipeline;
        this.memberships = memberships;
        this.store = store;
        this.aliases = aliases;
        this.power = new RoomPower(store);
    }

    /** @return the replacement room */
    public RoomId upgrade(RoomId oldRoomId, UserId user, String newVersionId, List<String> additionalCreators) {
        RoomVersion newVersion = RoomVersions.find(newVersionId).orElseThrow(() ->
                new MatrixException(ErrCode.UNSUPPORTED_ROOM_VERSION, "This server does not support room version " + newVersionId));
        Set<UserId> extraCreators = new LinkedHashSet<>();
        for (String creator : additionalCreators) {
            if (!UserId.isValid(creator)) {
                throw MatrixException.invalidParam("Invalid user ID in additional_creators: " + creator);
            }
            if (!creator.equals(user.value())) {
                extraCreators.add(UserId.parse(creator));
            }
        }
        ReentrantLock lock = locks.of(oldRoomId);
        lock.lock();
        try {
            RoomRow old = power.room(oldRoomId);
            requireMayTombstone(oldRoomId, user);
            RoomId newRoomId = createReplacement(old, user, newVersion,
                    newVersion.privilegedCreators() ? extraCreators : Set.of());
            moveAliases(old, newRoomId, user);
            ObjectNode tombstone = Json.MAPPER.createObjectNode();
            tombstone.put("body", "This room has been replaced");
            tombstone.put("replacement_room", newRoomId.value());
            send(oldRoomId, user, Draft.state(TOMBSTONE, "", tombstone));
            restrictOldRoom(oldRoomId, user);
            return newRoomId;
        } finally {
            lock.unlock();
        }
    }

    private void requireMayTombstone(RoomId roomId, UserId user) {
        if (!power.maySendState(roomId, user, TOMBSTONE)) {
            throw MatrixException.forbidden("You cannot upgrade this room: it needs the power to send " + TOMBSTONE);
        }
    }

    private RoomId createReplacement(RoomRow old, UserId user, RoomVersion newVersion, Set<UserId> extraCreators) {
        RoomId oldRoomId = old.roomId();
        ObjectNode oldCreate = power.content(oldRoomId, StateKey.CREATE, "").orElseGet(Json.MAPPER::createObjectNode);
        ObjectNode create = Json.MAPPER.createObjectNode();
        ObjectNode predecessor = create.putObject("predecessor");
        predecessor.put("room_id", oldRoomId.value());
        lastEvent(oldRoomId).ifPresent(id -> predecessor.put("event_id", id));
        if (oldCreate.path("type").isTextual()) {
            create.set("type", oldCreate.get("type"));
        }
        if (oldCreate.has("m.federate")) {
            create.set("m.federate", oldCreate.get("m.federate"));
        }
        if (!newVersion.implicitRoomCreator()) {
            create.put("creator", user.value());
        }
        if (!extraCreators.isEmpty()) {
            ArrayNode list = create.putArray("additional_creators");
            extraCreators.forEach(u -> list.add(u.value()));
        }
        create.put("room_version", newVersion.id());
        RoomId newRoomId = pipeline.createRoom(newVersion, user, create).pdu().roomId();
        memberships.join(newRoomId, user, Optional.empty());

        Optional<ObjectNode> oldLevels = power.content(oldRoomId, StateKey.POWER_LEVELS, "");
        Map<String, ObjectNode> copied = new LinkedHashMap<>();
        for (String type : TRANSFERRED) {
            power.content(oldRoomId, type, "").ifPresent(content -> copied.put(type, content));
        }
        List<StoredEvent> bans = bans(oldRoomId);
        ObjectNode levels = null;
        boolean boosted = false;
        if (oldLevels.isPresent()) {
            Set<String> creators = new LinkedHashSet<>();
            creators.add(user.value());
            extraCreators.forEach(u -> creators.add(u.value()));
            levels = UpgradedPowerLevels.forNewRoom(oldLevels.get(), old.version(), newVersion, user, creators);
            ObjectNode sent = levels;
            if (!newVersion.privilegedCreators()) {
                // Synapse's practice: lend the user the level the copying needs, then take it back.
                long needed = UpgradedPowerLevels.levelToCopy(levels, copied.keySet(), !bans.isEmpty());
                long own = UpgradedPowerLevels.userLevel(levels, user);
                if (own < needed) {
                    sent = levels.deepCopy();
                    ((ObjectNode) sent.get("users")).put(user.value(), needed);
                    boosted = true;
                }
            }
            send(newRoomId, user, Draft.state(StateKey.POWER_LEVELS, "", sent));
        }
        copied.forEach((type, content) -> send(newRoomId, user, Draft.state(type, "", content.deepCopy())));
        for (StoredEvent ban : bans) {
            ObjectNode content = Json.MAPPER.createObjectNode().put("membership", "ban");
            if (ban.pdu().content().path("reason").isTextual()) {
                content.set("reason", ban.pdu().content().get("reason"));
            }
            send(newRoomId, user, Draft.state(StateKey.MEMBER, ban.pdu().stateKey(), content));
        }
        if (boosted) {
            send(newRoomId, user, Draft.state(StateKey.POWER_LEVELS, "", levels));
        }
        return newRoomId;
    }

    /** Step 4, with Synapse's practice for the canonical alias and the directory listing. */
    private void moveAliases(RoomRow old, RoomId newRoomId, UserId user) {
        RoomId oldRoomId = old.roomId();
        aliases.moveAliases(oldRoomId, newRoomId);
        if (old.published()) {
            aliases.setPublished(newRoomId, true);
            aliases.setPublished(oldRoomId, false);
        }
        Optional<ObjectNode> canonical = power.content(oldRoomId, CanonicalAliasCheck.TYPE, "");
        if (canonical.isEmpty()) {
            return;
        }
        if (power.maySendState(oldRoomId, user, CanonicalAliasCheck.TYPE)) {
            send(oldRoomId, user, Draft.state(CanonicalAliasCheck.TYPE, "", Json.MAPPER.createObjectNode()));
        }
        ObjectNode moved = Json.MAPPER.createObjectNode();
        if (pointsTo(canonical.get().get("alias"), newRoomId)) {
            moved.set("alias", canonical.get().get("alias"));
        }
        ArrayNode alternatives = Json.MAPPER.createArrayNode();
        canonical.get().path("alt_aliases").forEach(a -> {
            if (pointsTo(a, newRoomId)) {
                alternatives.add(a);
            }
        });
        if (!alternatives.isEmpty()) {
            moved.set("alt_aliases", alternatives);
        }
        if (!moved.isEmpty() && power.maySendState(newRoomId, user, CanonicalAliasCheck.TYPE)) {
            send(newRoomId, user, Draft.state(CanonicalAliasCheck.TYPE, "", moved));
        }
    }

    /** Step 6: where the user may, stop ordinary users talking and inviting in the old room. */
    private void restrictOldRoom(RoomId oldRoomId, UserId user) {
        Optional<ObjectNode> current = power.content(oldRoomId, StateKey.POWER_LEVELS, "");
        if (current.isEmpty() || !power.maySendState(oldRoomId, user, StateKey.POWER_LEVELS)) {
            return;
        }
        PowerLevels levels = power.levels(oldRoomId);
        long restricted = Math.max(50, UpgradedPowerLevels.named(current.get(), "users_default", 0) + 1);
        if (levels.userLevel(user) < restricted) {
            return;
        }
        ObjectNode updated = current.get().deepCopy();
        boolean changed = false;
        for (String name : List.of("events_default", "invite")) {
            if (UpgradedPowerLevels.named(current.get(), name, 0) < restricted) {
                updated.put(name, restricted);
                changed = true;
            }
        }
        if (changed) {
            send(oldRoomId, user, Draft.state(StateKey.POWER_LEVELS, "", updated));
        }
    }

    private boolean pointsTo(JsonNode alias, RoomId roomId) {
        return alias != null && alias.isTextual() && RoomAlias.isValid(alias.textValue())
                && aliases.resolve(RoomAlias.parse(alias.textValue())).map(roomId::equals).orElse(false);
    }

    private Optional<String> lastEvent(RoomId roomId) {
        return store.events(store.forwardExtremities(roomId)).stream()
                .max(Comparator.comparingLong(StoredEvent::streamOrdering))
                .map(e -> e.pdu().eventId().value());
    }

    private List<StoredEvent> bans(RoomId roomId) {
        List<EventId> ids = store.currentState(roomId).entrySet().stream()
                .filter(e -> StateKey.MEMBER.equals(e.getKey().type())).map(Map.Entry::getValue).toList();
        return store.events(ids).stream()
                .filter(e -> "ban".equals(e.pdu().content().path("membership").asText()))
                .sorted(Comparator.comparing(e -> e.pdu().stateKey()))
                .toList();
    }

    private void send(RoomId roomId, UserId sender, Draft draft) {
        pipeline.send(roomId, sender, draft, Optional.empty());
    }
}
