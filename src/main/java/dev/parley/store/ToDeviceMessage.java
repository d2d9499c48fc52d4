package dev.parley.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;

/** A send-to-device message waiting in its device's inbox, at its position of the to-device stream. */
public record ToDeviceMessage(long streamPos, UserId sender, String type, ObjectNode content) {
}
