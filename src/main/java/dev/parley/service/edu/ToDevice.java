package dev.parley.service.edu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.notify.Notifier;
import dev.parley.store.ToDeviceMessage;
import dev.parley.store.ToDeviceStore;
import dev.parley.store.ToDeviceStore.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Send-to-device messaging (Client-Server API, "Send-to-Device messaging"): messages are stored
 * per target device and handed to that device by {@code /sync}, oldest first, at most
 * {@value #SYNC_LIMIT} at a time, until a later sync's {@code since} shows the device has them;
 * then they are deleted. So each message reaches its device exactly once, in order, restarts
 * included.
 *
 * <p>Messages for users on other servers need federation, which Parley does not do yet: they are
 * dropped (and logged).
 */
public final class ToDevice {
    private static final Logger log = LoggerFactory.getLogger(ToDevice.class);
    /** "100 messages is recommended as a reasonable limit." */
    static final int SYNC_LIMIT = 100;

    /** What a device gets in one sync, and the to-device position its next token carries. */
    public record Batch(List<ObjectNode> events, long nextPosition) {
    }

    private final ToDeviceStore store;
    private final ServerName serverName;
    private final Notifier notifier;
    private final Clock clock;
    private final AtomicLong position;
    /**
     * Per device, a position at or below which none of its messages is stored any more: a sync
     * whose token is there, with no message written since, needs no query.
     */
    private final Map<DeviceKey, Long> clearedUpTo = new ConcurrentHashMap<>();

    private record DeviceKey(UserId user, String device) {
    }

    public ToDevice(ToDeviceStore store, ServerName serverName, Notifier notifier, Clock clock) {
        this.store = store;
        this.serverName = serverName;
        this.notifier = notifier;
        this.clock = clock;
        this.position = new AtomicLong(store.position());
    }

    /**
     * {@code PUT /sendToDevice/{eventType}/{txnId}}. A transaction ID the sending device used
     * before is answered without sending anything again.
     *
     * @param messages the request's {@code messages}: user ID → device ID (or "*") → content
     * @throws MatrixException {@code M_BAD_JSON} for a malformed {@code messages}
     */
    public void send(UserId sender, Optional<String> senderDevice, String type, String txnId, ObjectNode messages) {
        List<Target> targets = new ArrayList<>();
        Set<UserId> recipients = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> byUser : messages.properties()) {
            if (!UserId.isValid(byUser.getKey())) {
                throw MatrixException.badJson("messages: '" + byUser.getKey() + "' is not a user ID");
            }
            if (!(byUser.getValue() instanceof ObjectNode devices)) {
                throw MatrixException.badJson("messages." + byUser.getKey() + " must be an object");
            }
            UserId user = UserId.parse(byUser.getKey());
            for (Map.Entry<String, JsonNode> byDevice : devices.properties()) {
                if (!(byDevice.getValue() instanceof ObjectNode content)) {
                    throw MatrixException.badJson("messages." + byUser.getKey() + "." + byDevice.getKey()
                            + " must be an object");
                }
                if (!user.server().equals(serverName)) {
                    continue;
                }
                targets.add(new Target(user, byDevice.getKey(), content));
                recipients.add(user);
            }
            if (!user.server().equals(serverName) && !devices.isEmpty()) {
                log.info("Dropping {} to-device message(s) of type {} for {}: federation is not supported yet",
                        devices.size(), type, user.value());
            }
        }
        OptionalLong written = store.send(sender, senderDevice.orElse(""), txnId, type, targets, clock.millis());
        if (written.isPresent()) {
            position.accumulateAndGet(written.getAsLong(), Math::max);
            recipients.forEach(notifier::userChanged);
        }
    }

    /** The highest to-device stream position every write below has committed at. */
    public long position() {
        return position.get();
    }

    /**
     * The messages for the syncing device. A {@code since} from an earlier sync acknowledges
     * (deletes) every message at or below it; then the oldest messages up to {@code upTo} are
     * returned, and the next token's position is {@code upTo}, or the last message returned
     * when more are waiting.
     */
    public Batch deliver(UserId user, Optional<String> deviceId, Optional<Long> since, long upTo) {
        if (deviceId.isEmpty()) {
            return new Batch(List.of(), upTo);
        }
        String device = deviceId.get();
        DeviceKey key = new DeviceKey(user, device);
        if (since.isPresent() && since.get() >= upTo && clearedUpTo.getOrDefault(key, -1L) >= since.get()) {
            return new Batch(List.of(), upTo);
        }
        if (since.isPresent()) {
            OptionalLong oldest = store.oldest(user, device);
            if (oldest.isPresent() && oldest.getAsLong() <= since.get()) {
                store.deleteUpTo(user, device, since.get());
            }
        }
        List<ToDeviceMessage> pending = store.pending(user, device, upTo, SYNC_LIMIT);
        List<ObjectNode> events = new ArrayList<>();
        for (ToDeviceMessage message : pending) {
            ObjectNode event = Json.MAPPER.createObjectNode();
            event.put("sender", message.sender().value());
            event.put("type", message.type());
            event.set("content", message.content());
            events.add(event);
        }
        long next = pending.size() == SYNC_LIMIT ? pending.getLast().streamPos() : upTo;
        // Every message at or below upTo was written before upTo was read, so an empty batch clears it too.
        long cleared = pending.isEmpty() ? Math.max(upTo, since.orElse(0L)) : since.orElse(-1L);
        if (cleared >= 0) {
            clearedUpTo.merge(key, cleared, Math::max);
        }
        return new Batch(events, next);
    }
}
