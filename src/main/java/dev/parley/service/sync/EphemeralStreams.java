package dev.parley.service.sync;

import dev.parley.service.edu.Presence;
import dev.parley.service.edu.Receipts;
import dev.parley.service.edu.ToDevice;
import dev.parley.service.edu.TypingNotifications;

/** The ephemeral streams {@code /sync} reads besides room events and account data. */
public record EphemeralStreams(TypingNotifications typing, Receipts receipts, Presence presence, ToDevice toDevice) {
}
