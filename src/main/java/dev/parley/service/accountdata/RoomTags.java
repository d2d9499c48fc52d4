package dev.parley.service.accountdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Room tags (Client-Server API, "Room Tagging"): a user's tags on a room are the room account
 * data event {@code m.tag}, {@code {"tags": {tag: {"order": 0..1}}}}. They are read and written
 * through {@link AccountDataService}, so {@code /sync}, sliding sync's account-data extension and
 * its {@code tags}/{@code not_tags} list filters see every change at its stream position.
 */
public final class RoomTags {
    public static final String ACCOUNT_DATA_TYPE = "m.tag";
    /** "The name of a tag MUST NOT exceed 255 bytes." */
    private static final int MAX_TAG_BYTES = 255;
    /** Striped by user: a tag change reads and rewrites the whole {@code m.tag} content. */
    private static final int LOCK_STRIPES = 64;

    private final AccountDataService accountData;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    public RoomTags(AccountDataService accountData) {
        this.accountData = accountData;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** @throws MatrixException {@code M_FORBIDDEN} for another user's tags */
    public ObjectNode get(UserId requester, UserId owner, RoomId room) {
        requireOwner(requester, owner);
        return Json.MAPPER.createObjectNode().set("tags", tags(owner, room));
    }

    /**
     * @param content the tag's content; {@code order}, when present, a number from 0 to 1
     * @throws MatrixException {@code M_FORBIDDEN} for another user's tags, {@code M_INVALID_PARAM}
     *     for a tag name over 255 bytes or an order outside [0, 1], {@code M_BAD_JSON} for an order
     *     that is not a number
     */
    public void set(UserId requester, UserId owner, RoomId room, String tag, ObjectNode content) {
        requireOwner(requester, owner);
        requireValidName(tag);
        JsonNode order = content.get("order");
        if (order != null) {
            if (!order.isNumber()) {
                throw MatrixException.badJson("'order' must be a number between 0 and 1");
            }
            double value = order.asDouble();
            if (!(value >= 0 && value <= 1)) {
                throw MatrixException.invalidParam("'order' must be between 0 and 1, got " + order);
            }
        }
        change(owner, room, tags -> tags.set(tag, content));
    }

    /** Removing a tag the room does not have is not an error: the tag is absent afterwards either way. */
    public void delete(UserId requester, UserId owner, RoomId room, String tag) {
        requireOwner(requester, owner);
        requireValidName(tag);
        change(owner, room, tags -> tags.remove(tag));
    }

    private void change(UserId owner, RoomId room, java.util.function.Consumer<ObjectNode> edit) {
        ReentrantLock lock = locks[Math.floorMod(owner.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            ObjectNode tags = tags(owner, room);
            ObjectNode before = tags.deepCopy();
            edit.accept(tags);
            if (!tags.equals(before)) {
                ObjectNode event = Json.MAPPER.createObjectNode();
                event.set("tags", tags);
                accountData.put(owner, owner, Optional.of(room), ACCOUNT_DATA_TYPE, event);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The current tags; content stored by other means that is not an object reads as no tags. */
    private ObjectNode tags(UserId owner, RoomId room) {
        return accountData.find(owner, Optional.of(room), ACCOUNT_DATA_TYPE)
                .map(content -> content.get("tags"))
                .filter(JsonNode::isObject)
                .map(tags -> (ObjectNode) tags.deepCopy())
                .orElseGet(Json.MAPPER::createObjectNode);
    }

    private static void requireValidName(String tag) {
        if (tag.isEmpty() || tag.getBytes(StandardCharsets.UTF_8).length > MAX_TAG_BYTES) {
            throw MatrixException.invalidParam("A tag name must be 1 to " + MAX_TAG_BYTES + " bytes long");
        }
    }

    private static void requireOwner(UserId requester, UserId owner) {
        if (!requester.equals(owner)) {
            throw MatrixException.forbidden("Cannot access the tags of other users.");
        }
    }
}
