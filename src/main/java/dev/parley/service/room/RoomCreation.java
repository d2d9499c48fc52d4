package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;
import dev.parley.service.room.EventPipeline.Draft;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /createRoom} (Client-Server API, "Creation"): the create event, the creator's
 * join, power levels, alias, preset state, initial state, name and topic, then invites, in the
 * order the spec lists, each event authorised like any other.
 */
public final class RoomCreation {
    /** The request, as parsed by the handler. */
    public record Request(Optional<String> preset, Optional<String> visibility, Optional<String> roomAliasName,
                          Optional<String> name, Optional<String> topic, List<String> invite,
                          List<ObjectNode> initialState, Optional<String> roomVersion, ObjectNode creationContent,
                          Optional<ObjectNode> powerLevelContentOverride, boolean isDirect) {
    }

    private final EventPipeline pipeline;
    private final Memberships memberships;
    private final RoomAliases aliases;

    public RoomCreation(EventPipeline pipeline, Memberships memberships, RoomAliases aliases) {
        this.pipeline = pipeline;
        this.memberships = memberships;
        this.aliases = aliases;
    }

    public RoomId create(UserId creator, Request request) {
        RoomVersion version = request.roomVersion().map(RoomVersions::get).orElse(RoomVersions.DEFAULT);
        String preset = request.preset().orElse("public".equals(request.visibility().orElse("private")) ? "public_chat" : "private_chat");
        if (!Set.of("private_chat", "public_chat", "trusted_private_chat").contains(preset)) {
            throw MatrixException.badJson("Unknown preset: " + preset);
        }
        List<UserId> invitees = new ArrayList<>();
        for (String invitee : request.invite()) {
            if (!UserId.isValid(invitee)) {
                throw MatrixException.invalidParam("Invalid user ID to invite: " + invitee);
            }
            invitees.add(UserId.parse(invitee));
        }
        Optional<RoomAlias> alias = request.roomAliasName().map(name -> aliases.localAlias(name));
        alias.ifPresent(aliases::requireFree);

        RoomId roomId = pipeline.createRoom(version, creator, createContent(version, creator, preset, invitees, request))
                .pdu().roomId();
        memberships.join(roomId, creator, Optional.empty());
        send(roomId, creator, Draft.state("m.room.power_levels", "", powerLevels(version, creator, preset, invitees,
                request.powerLevelContentOverride())));
        if (alias.isPresent()) {
            aliases.create(alias.get(), roomId, creator);
            send(roomId, creator, Draft.state("m.room.canonical_alias", "", object("alias", alias.get().value())));
        }
        send(roomId, creator, Draft.state("m.room.join_rules", "",
                object("join_rule", "public_chat".equals(preset) ? "public" : "invite")));
        send(roomId, creator, Draft.state("m.room.history_visibility", "", object("history_visibility", "shared")));
        send(roomId, creator, Draft.state("m.room.guest_access", "",
                object("guest_access", "public_chat".equals(preset) ? "forbidden" : "can_join")));
        for (ObjectNode event : request.initialState()) {
            if (!event.path("type").isTextual() || !event.path("content").isObject()) {
                throw MatrixException.badJson("initial_state events need a type and a content object");
            }
            send(roomId, creator, Draft.state(event.path("type").asText(), event.path("state_key").asText(""),
                    (ObjectNode) event.get("content")));
        }
        request.name().ifPresent(name -> send(roomId, creator, Draft.state("m.room.name", "", object("name", name))));
        request.topic().ifPresent(topic -> send(roomId, creator, Draft.state("m.room.topic", "", topicContent(topic))));
        for (UserId invitee : invitees) {
            memberships.invite(roomId, creator, invitee, Optional.empty(), request.isDirect());
        }
        if ("public".equals(request.visibility().orElse("private"))) {
            aliases.publish(roomId, true);
        }
        return roomId;
    }

    private ObjectNode createContent(RoomVersion version, UserId creator, String preset, List<UserId> invitees, Request request) {
        ObjectNode content = request.creationContent().deepCopy();
        content.put("room_version", version.id());
        if (!version.implicitRoomCreator()) {
            // Before v11 the creator is named in the content; v11+ take the sender.
            content.put("creator", creator.value());
        } else {
            content.remove("creator");
        }
        if (version.privilegedCreators() && "trusted_private_chat".equals(preset) && !invitees.isEmpty()) {
            // Spec (createRoom, 1.16): invitees of a trusted private chat become additional creators.
            Set<String> creators = new LinkedHashSet<>();
            content.path("additional_creators").forEach(c -> creators.add(c.asText()));
            invitees.forEach(u -> creators.add(u.value()));
            ArrayNode list = content.putArray("additional_creators");
            creators.forEach(list::add);
        }
        return content;
    }

    /** The default power levels (as Synapse sets them), with the request's override on top. */
    private static ObjectNode powerLevels(RoomVersion version, UserId creator, String preset, List<UserId> invitees,
                                          Optional<ObjectNode> override) {
        ObjectNode content = Json.MAPPER.createObjectNode();
        ObjectNode users = content.putObject("users");
        if (!version.privilegedCreators()) {
            users.put(creator.value(), 100);
            if ("trusted_private_chat".equals(preset)) {
                invitees.forEach(u -> users.put(u.value(), 100));
            }
        }
        content.put("users_default", 0);
        ObjectNode events = content.putObject("events");
        events.put("m.room.name", 50);
        events.put("m.room.power_levels", 100);
        events.put("m.room.history_visibility", 100);
        events.put("m.room.canonical_alias", 50);
        events.put("m.room.avatar", 50);
        // v12: tombstones must need more than state_default, so moderators cannot end a room.
        events.put("m.room.tombstone", version.privilegedCreators() ? 150 : 100);
        events.put("m.room.server_acl", 100);
        events.put("m.room.encryption", 100);
        content.put("events_default", 0);
        content.put("state_default", 50);
        content.put("ban", 50);
        content.put("kick", 50);
        content.put("redact", 50);
        content.put("invite", "public_chat".equals(preset) ? 50 : 0);
        content.putObject("notifications").put("room", 50);
        override.ifPresent(o -> o.properties().forEach(e -> content.set(e.getKey(), e.getValue())));
        return content;
    }

    private void send(RoomId roomId, UserId sender, Draft draft) {
        pipeline.send(roomId, sender, draft, Optional.empty());
    }

    /**
     * createRoom's {@code topic} (v1.15, MSC3765): "an m.room.topic event with a text/plain
     * mimetype", so the plain text goes in the {@code m.topic} content block as well as in the
     * {@code topic} fallback that older clients read.
     */
    static ObjectNode topicContent(String topic) {
        ObjectNode content = object("topic", topic);
        content.putObject("m.topic").putArray("m.text").addObject().put("mimetype", "text/plain").put("body", topic);
        return content;
    }

    private static ObjectNode object(String key, String value) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put(key, value);
        return node;
    }
}
