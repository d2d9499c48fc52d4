package dev.parley.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import java.util.List;
import java.util.OptionalLong;

/**
 * Device inboxes for send-to-device messages: each message is stored per target device at the
 * next position of the to-device stream and kept until that device acknowledges it.
 */
public interface ToDeviceStore {
    /** A message for one local device, or for all of a user's devices with {@code deviceId} "*". */
    record Target(UserId user, String deviceId, ObjectNode content) {
        public static final String ALL_DEVICES = "*";
    }

    /**
     * Stores one message per existing target device, in order, in one transaction with the
     * transaction ID; devices that do not exist are skipped.
     *
     * @return the highest stream position after the write; empty when the sender's device already
     *     used this transaction ID (nothing is stored again)
     */
    OptionalLong send(UserId sender, String senderDevice, String txnId, String type, List<Target> targets, long now);

    /** The device's oldest messages at positions up to {@code upTo}, at most {@code limit}, oldest first. */
    List<ToDeviceMessage> pending(UserId user, String deviceId, long upTo, int limit);

    /** The position of the device's oldest waiting message. */
    OptionalLong oldest(UserId user, String deviceId);

    /** Deletes the device's messages at positions up to {@code upTo}: the device has them. */
    int deleteUpTo(UserId user, String deviceId, long upTo);

    /** The highest position handed out; every write at or below it has committed. */
    long position();
}
