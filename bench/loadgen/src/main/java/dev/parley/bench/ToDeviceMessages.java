package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * To-device messages: one {@code PUT /sendToDevice/{eventType}/{txnId}} addresses every recipient's
 * device (the one its sync uses) with the stamp in the content; delivered in
 * {@code to_device.events} of each recipient's /sync (Client-Server API, "Send-to-Device messaging").
 */
final class ToDeviceMessages implements FanOutChannel {
    static final String EVENT_TYPE = "dev.parley.bench.to_device";

    @Override
    public String name() {
        return EVENT_TYPE;
    }

    @Override
    public boolean usesRooms() {
        return false;
    }

    @Override
    public String liveFilter() {
        // No rooms and no presence: the long-poll wakes for to-device messages only.
        return "{\"room\":{\"rooms\":[]},\"presence\":{\"types\":[]}}";
    }

    @Override
    public void send(Matrix matrix, Matrix.User sender, String roomId, List<Matrix.User> recipients, String txnId,
                     ObjectNode stamp) throws IOException, InterruptedException {
        ObjectNode messages = Matrix.JSON.createObjectNode();
        for (Matrix.User recipient : recipients) {
            ObjectNode content = messages.putObject(recipient.userId()).putObject(recipient.deviceId());
            content.set(RoomMessages.STAMP, stamp);
        }
        matrix.sendToDevice(sender, EVENT_TYPE, txnId, messages);
    }

    @Override
    public void collect(JsonNode sync, Consumer<JsonNode> found) {
        for (JsonNode event : sync.path("to_device").path("events")) {
            JsonNode stamp = event.path("content").path(RoomMessages.STAMP);
            if (EVENT_TYPE.equals(event.path("type").asText()) && stamp.isObject()) {
                found.accept(stamp);
            }
        }
    }
}
