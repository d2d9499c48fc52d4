package dev.parley.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;
import dev.parley.core.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PduTest {
    private static final String H1 = "$" + "A".repeat(43);
    private static final String H2 = "$" + "B".repeat(42) + "g";

    private static ObjectNode v1Event() {
        return (ObjectNode) Vectors.parse("""
                {"event_id": "$a4ecee13e2accdadf56c1025:example.com", "room_id": "!room:example.com",
                 "sender": "@alice:example.com", "type": "m.room.member", "state_key": "@alice:example.com",
                 "content": {"membership": "join", "displayname": "Alice"}, "depth": 12, "origin": "example.com",
                 "origin_server_ts": 1432735824653,
                 "prev_events": [["$prev:example.com", {"sha256": "abc"}]],
                 "auth_events": [["$create:example.com", {"sha256": "x"}], ["$pl:example.com", {}]],
                 "hashes": {"sha256": "thishashcoversallfieldsincasethisisredacted"},
                 "signatures": {"example.com": {"ed25519:key_version": "sig"}},
                 "unsigned": {"age": 4612}}
                """);
    }

    private static ObjectNode v4Event() {
        return (ObjectNode) Vectors.parse("""
                {"room_id": "!room:example.com", "sender": "@alice:example.com", "type": "m.room.message",
                 "content": {"body": "hi"}, "depth": 3, "origin_server_ts": 5,
                 "prev_events": ["%s"], "auth_events": ["%s"],
                 "hashes": {"sha256": "x"}, "signatures": {}}
                """.formatted(H1, H2));
    }

    @Test
    void v1EventWithReferencePairs() {
        Pdu pdu = Pdu.fromJson(v1Event(), RoomVersions.V1);
        assertThat(pdu.eventId().value()).isEqualTo("$a4ecee13e2accdadf56c1025:example.com");
        assertThat(pdu.roomId().value()).isEqualTo("!room:example.com");
        assertThat(pdu.sender().value()).isEqualTo("@alice:example.com");
        assertThat(pdu.type()).isEqualTo("m.room.member");
        assertThat(pdu.stateKey()).isEqualTo("@alice:example.com");
        assertThat(pdu.isState()).isTrue();
        assertThat(pdu.isState("m.room.member", "@alice:example.com")).isTrue();
        assertThat(pdu.content().get("membership").textValue()).isEqualTo("join");
        assertThat(pdu.prevEvents()).containsExactly(EventId.parse("$prev:example.com"));
        assertThat(pdu.authEvents()).extracting(EventId::value).containsExactly("$create:example.com", "$pl:example.com");
        assertThat(pdu.depth()).isEqualTo(12);
        assertThat(pdu.originServerTs()).isEqualTo(1432735824653L);
        assertThat(pdu.unsigned().get("age").intValue()).isEqualTo(4612);
        assertThat(pdu.signatures().has("example.com")).isTrue();
        assertThat(pdu.hashes().get("sha256").textValue()).startsWith("thishash");
        assertThat(pdu.redacts()).isNull();
        assertThat(pdu.roomVersion()).isSameAs(RoomVersions.V1);
        assertThat(pdu.json().get("prev_events").get(0).get(1).get("sha256").textValue()).isEqualTo("abc");
    }

    @Test
    void inputIsCopied() {
        ObjectNode json = v1Event();
        Pdu pdu = Pdu.fromJson(json, RoomVersions.V1);
        json.put("type", "changed");
        ((ObjectNode) json.get("content")).put("membership", "leave");
        assertThat(pdu.type()).isEqualTo("m.room.member");
        assertThat(pdu.content().get("membership").textValue()).isEqualTo("join");
    }

    @Test
    void v1NeedsEventIdAndPairs() {
        ObjectNode noId = v1Event();
        noId.remove("event_id");
        assertBadJson(noId, RoomVersions.V1, "event_id");

        ObjectNode hashId = v1Event();
        hashId.put("event_id", H1);
        assertBadJson(hashId, RoomVersions.V2, "event_id");

        ObjectNode flat = v1Event();
        flat.putArray("prev_events").add("$prev:example.com");
        assertBadJson(flat, RoomVersions.V1, "prev_events");
    }

    @Test
    void v3PlusUsesPlainIdListsInTheVersionsAlphabet() {
        Pdu pdu = Pdu.fromJson(v4Event(), RoomVersions.V4);
        assertThat(pdu.prevEvents()).extracting(EventId::value).containsExactly(H1);
        assertThat(pdu.authEvents()).extracting(EventId::value).containsExactly(H2);
        assertThat(pdu.eventId().isUrlSafeBase64Hash()).isTrue();
        assertThat(pdu.unsigned()).isNull();
        assertThat(pdu.stateKey()).isNull();
        assertThat(pdu.isState()).isFalse();

        ObjectNode pairs = v4Event();
        pairs.putArray("prev_events").addArray().add(H1).addObject();
        assertBadJson(pairs, RoomVersions.V4, "prev_events");

        ObjectNode standardAlphabet = v4Event();
        standardAlphabet.putArray("auth_events").add("$" + "A".repeat(42) + "/");
        assertBadJson(standardAlphabet, RoomVersions.V4, "auth_events");
        assertThat(Pdu.fromJson(standardAlphabet, RoomVersions.V3).authEvents()).hasSize(1);

        ObjectNode serverScoped = v4Event();
        serverScoped.putArray("prev_events").add("$prev:example.com");
        assertBadJson(serverScoped, RoomVersions.V3, "prev_events");
    }

    @Test
    void fieldShapesAreChecked() {
        ObjectNode e = v4Event();
        e.put("sender", 5);
        assertBadJson(e, RoomVersions.V4, "sender");
        e = v4Event();
        e.put("sender", "alice");
        assertBadJson(e, RoomVersions.V4, "sender");
        e = v4Event();
        e.remove("type");
        assertBadJson(e, RoomVersions.V4, "type");
        e = v4Event();
        e.put("content", "x");
        assertBadJson(e, RoomVersions.V4, "content");
        e = v4Event();
        e.put("depth", "3");
        assertBadJson(e, RoomVersions.V4, "depth");
        e = v4Event();
        e.put("depth", 3.5);
        assertBadJson(e, RoomVersions.V4, "depth");
        e = v4Event();
        e.remove("origin_server_ts");
        assertBadJson(e, RoomVersions.V4, "origin_server_ts");
        e = v4Event();
        e.put("state_key", 1);
        assertBadJson(e, RoomVersions.V4, "state_key");
        e = v4Event();
        e.remove("hashes");
        assertBadJson(e, RoomVersions.V4, "hashes");
        e = v4Event();
        e.putObject("signatures").put("example.com", "sig");
        assertBadJson(e, RoomVersions.V4, "signatures");
        e = v4Event();
        e.put("unsigned", 1);
        assertBadJson(e, RoomVersions.V4, "unsigned");
        e = v4Event();
        e.put("room_id", "room");
        assertBadJson(e, RoomVersions.V4, "room_id");
    }

    @Test
    void strictCanonicalJsonFromV6() {
        ObjectNode e = v4Event();
        ((ObjectNode) e.get("content")).put("f", 1.5);
        assertThat(Pdu.fromJson(e, RoomVersions.V5).content().get("f").doubleValue()).isEqualTo(1.5);
        assertThatThrownBy(() -> Pdu.fromJson(e, RoomVersions.V6)).isInstanceOf(MatrixException.class)
                .extracting(x -> ((MatrixException) x).errCode()).isEqualTo(ErrCode.BAD_JSON);

        ObjectNode deep = v4Event();
        deep.put("depth", 1L << 53);
        assertThat(Pdu.fromJson(deep, RoomVersions.V5).depth()).isEqualTo(1L << 53);
        assertThatThrownBy(() -> Pdu.fromJson(deep, RoomVersions.V6)).isInstanceOf(MatrixException.class);
    }

    @Test
    void redactsMovesIntoContentInV11() {
        ObjectNode e = v4Event();
        e.put("type", "m.room.redaction");
        e.put("redacts", H1);
        assertThat(Pdu.fromJson(e, RoomVersions.V10).redacts()).isEqualTo(EventId.parse(H1));
        assertThat(Pdu.fromJson(e, RoomVersions.V11).redacts()).isNull();
        ((ObjectNode) e.get("content")).put("redacts", H2);
        assertThat(Pdu.fromJson(e, RoomVersions.V11).redacts()).isEqualTo(EventId.parse(H2));

        ObjectNode bad = v4Event();
        bad.put("type", "m.room.redaction");
        bad.put("redacts", "nope");
        assertBadJson(bad, RoomVersions.V10, "redacts");
        ((ObjectNode) bad.get("content")).put("redacts", 7);
        assertBadJson(bad, RoomVersions.V11, "content.redacts");
    }

    @Test
    void v12RoomIds() {
        ObjectNode create = (ObjectNode) Vectors.parse("""
                {"type": "m.room.create", "state_key": "", "sender": "@alice:example.com",
                 "content": {"room_version": "12"}, "depth": 1, "origin_server_ts": 1,
                 "prev_events": [], "auth_events": [], "hashes": {"sha256": "x"}, "signatures": {}}
                """);
        Pdu pdu = Pdu.fromJson(create, RoomVersions.V12);
        assertThat(pdu.roomId().value()).isEqualTo("!" + pdu.eventId().value().substring(1));
        assertThat(pdu.json().has("room_id")).isFalse();

        ObjectNode message = v4Event();
        assertBadJson(message, RoomVersions.V12, "room_id");
        message.put("room_id", pdu.roomId().value());
        assertThat(Pdu.fromJson(message, RoomVersions.V12).roomId()).isEqualTo(pdu.roomId());
        assertBadJson(message, RoomVersions.V11, "room_id");

        ObjectNode noRoom = v4Event();
        noRoom.remove("room_id");
        assertBadJson(noRoom, RoomVersions.V12, "room_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3", "4", "6", "9", "10", "11", "12"})
    void signedEventHashAndRedactedCopy(String versionId) {
        RoomVersion version = RoomVersions.get(versionId);
        ObjectNode json = version.eventIdInEvent() ? v1Event() : v4Event();
        if (version.roomIdFromCreateEvent()) {
            json.put("room_id", "!" + "C".repeat(43));
        }
        SigningKey key = SigningKey.generate("k1");
        EventSigning.hashAndSign(json, version, "example.com", key);
        Pdu pdu = Pdu.fromJson(json, version);
        assertThat(EventSigning.hasValidContentHash(pdu)).isTrue();
        assertThat(EventSigning.hasValidSignature(pdu, "example.com", id -> id.equals(key.keyId()) ? key.verifyKey() : null)).isTrue();

        Pdu redacted = pdu.redacted();
        assertThat(redacted.eventId()).isEqualTo(pdu.eventId());
        assertThat(redacted.unsigned()).isNull();
        assertThat(EventSigning.hasValidContentHash(redacted)).isFalse();
        assertThat(EventSigning.hasValidSignature(redacted, "example.com", id -> id.equals(key.keyId()) ? key.verifyKey() : null)).isTrue();
        if (!version.eventIdInEvent()) {
            assertThat(EventHashes.computeEventId(redacted.json(), version)).isEqualTo(pdu.eventId());
        }
    }

    @Test
    void equalityIsByEventId() {
        Pdu a = Pdu.fromJson(v1Event(), RoomVersions.V1);
        Pdu b = a.redacted();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).contains("$a4ecee13e2accdadf56c1025:example.com", "m.room.member");
    }

    private static void assertBadJson(ObjectNode json, RoomVersion version, String field) {
        assertThatThrownBy(() -> Pdu.fromJson(json, version))
                .isInstanceOf(MatrixException.class)
                .hasMessageContaining("'" + field + "'")
                .extracting(x -> ((MatrixException) x).errCode()).isEqualTo(ErrCode.BAD_JSON);
    }
}
