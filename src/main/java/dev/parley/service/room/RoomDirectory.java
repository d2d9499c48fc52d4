package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.service.room.EventPipeline.Draft;
import dev.parley.store.RoomAliasStore;
import dev.parley.store.RoomMemberStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Room aliases as clients manage them (Client-Server API, "Room aliases") and rooms' visibility
 * in the published room directory ("Published room directory").
 *
 * <p>Permissions follow Synapse, where the spec leaves them to servers: creating an alias needs
 * membership of the room; deleting one needs to be its creator or to have the power to send
 * {@code m.room.canonical_alias}; changing directory visibility needs that power too.
 */
public final class RoomDirectory {
    private final RoomAliasStore aliases;
    private final RoomMemberStore members;
    private final RoomPower power;
    private final EventPipeline pipeline;
    private final ServerName serverName;

    public RoomDirectory(RoomAliasStore aliases, RoomMemberStore members, RoomPower power, EventPipeline pipeline,
                         ServerName serverName) {
        this.aliases = aliases;
        this.members = members;
        this.power = power;
        this.pipeline = pipeline;
        this.serverName = serverName;
    }

    /** The room an alias resolves to, and servers in it (this one first). */
    public record Resolution(RoomId roomId, List<ServerName> servers) {
    }

    /** {@code PUT /directory/room/{roomAlias}}: 409 when the alias is taken. */
    public void createAlias(RoomAlias alias, RoomId roomId, UserId requester) {
        requireLocal(alias);
        power.room(roomId);
        if (!power.isJoined(roomId, requester)) {
            throw MatrixException.forbidden("You must be joined to the room to give it an alias");
        }
        if (!aliases.create(alias, roomId, requester)) {
            throw new MatrixException(ErrCode.ROOM_ALIAS_EXISTS, "Room alias " + alias.value() + " already exists");
        }
    }

    /** {@code GET /directory/room/{roomAlias}}. Aliases of other servers need federation, not available yet. */
    public Resolution resolve(RoomAlias alias) {
        RoomId roomId = aliases.resolve(alias).orElseThrow(() -> MatrixException.notFound(alias.server().equals(serverName)
                ? "Room alias " + alias.value() + " not found"
                : "Room alias " + alias.value() + " not found (aliases of other servers need federation, not available yet)"));
        Set<ServerName> servers = new LinkedHashSet<>();
        List<UserId> joined = members.joinedMembers(roomId);
        if (joined.stream().anyMatch(u -> u.server().equals(serverName))) {
            servers.add(serverName);
        }
        joined.forEach(u -> servers.add(u.server()));
        return new Resolution(roomId, List.copyOf(servers));
    }

    /**
     * {@code DELETE /directory/room/{roomAlias}}. When the room's {@code m.room.canonical_alias}
     * lists the alias and the requester may change that event, the alias is taken out of it too
     * (the spec's note on this endpoint); the alias is deleted either way.
     */
    public void deleteAlias(RoomAlias alias, UserId requester) {
        requireLocal(alias);
        RoomId roomId = aliases.resolve(alias)
                .orElseThrow(() -> MatrixException.notFound("Room alias " + alias.value() + " not found"));
        boolean isCreator = aliases.creator(alias).map(requester::equals).orElse(false);
        boolean mayEditCanonical = power.maySendState(roomId, requester, CanonicalAliasCheck.TYPE);
        if (!isCreator && !mayEditCanonical) {
            throw MatrixException.forbidden("Only the alias's creator or a user who may set the room's canonical alias can delete it");
        }
        if (!aliases.delete(alias)) {
            throw MatrixException.notFound("Room alias " + alias.value() + " not found");
        }
        if (mayEditCanonical) {
            withoutAlias(roomId, alias).ifPresent(content -> pipeline.send(roomId, requester,
                    Draft.state(CanonicalAliasCheck.TYPE, "", content), Optional.empty()));
        }
    }

    /** {@code GET /rooms/{roomId}/aliases}: for joined members, or anyone when the room is world-readable. */
    public List<RoomAlias> localAliases(RoomId roomId, UserId requester) {
        if (!aliasesVisibleTo(roomId, requester)) {
            throw MatrixException.forbidden("You are not a member of the room");
        }
        return aliases.aliasesOf(roomId);
    }

    /** {@code GET /directory/list/room/{roomId}}: true when the room is in the published directory. */
    public boolean isPublished(RoomId roomId) {
        return power.room(roomId).published();
    }

    /** {@code PUT /directory/list/room/{roomId}}. */
    public void setPublished(RoomId roomId, UserId requester, boolean published) {
        power.room(roomId);
        if (!power.maySendState(roomId, requester, CanonicalAliasCheck.TYPE)) {
            throw MatrixException.forbidden("You need to be in the room with the power to set its canonical alias"
                    + " to change its directory visibility");
        }
        aliases.setPublished(roomId, published);
    }

    private boolean aliasesVisibleTo(RoomId roomId, UserId requester) {
        if (!power.exists(roomId)) {
            return false;
        }
        return power.isJoined(roomId, requester) || power.content(roomId, "m.room.history_visibility", "")
                .map(c -> "world_readable".equals(c.path("history_visibility").asText())).orElse(false);
    }

    /** The canonical alias content without {@code alias}, if it listed it. */
    private Optional<ObjectNode> withoutAlias(RoomId roomId, RoomAlias alias) {
        Optional<ObjectNode> current = power.content(roomId, CanonicalAliasCheck.TYPE, "");
        if (current.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode content = current.get().deepCopy();
        boolean changed = false;
        if (alias.value().equals(content.path("alias").asText(null))) {
            content.remove("alias");
            changed = true;
        }
        if (content.path("alt_aliases").isArray()) {
            List<String> kept = new ArrayList<>();
            content.get("alt_aliases").forEach(a -> {
                if (!alias.value().equals(a.asText(null))) {
                    kept.add(a.asText());
                }
            });
            if (kept.size() != content.get("alt_aliases").size()) {
                ArrayNode list = content.putArray("alt_aliases");
                kept.forEach(list::add);
                changed = true;
            }
        }
        return changed ? Optional.of(content) : Optional.empty();
    }

    private void requireLocal(RoomAlias alias) {
        if (!alias.server().equals(serverName)) {
            throw MatrixException.invalidParam("Room alias must be on this server (" + serverName.value() + ")");
        }
    }
}
