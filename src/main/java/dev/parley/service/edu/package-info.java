/**
 * Ephemeral data: typing notifications, receipts and read markers, presence, and send-to-device
 * messages (the data federation carries as EDUs). Each has its own stream position, read by
 * {@code /sync}; each change wakes the long-polls it concerns through the notifier.
 */
package dev.parley.service.edu;
