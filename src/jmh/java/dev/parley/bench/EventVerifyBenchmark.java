package dev.parley.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.crypto.VerifyKey;
import dev.parley.core.event.EventHashes;
import dev.parley.core.event.EventSigning;
import dev.parley.core.event.Pdu;
import dev.parley.core.json.CanonicalJson;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The per-event cost of receiving a PDU over federation (target: at least 10,000 events per
 * second on one thread): canonical JSON, content hash check and signature check of a ~1 KiB
 * room version 10 message event, already parsed into a Jackson tree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventVerifyBenchmark {
    private static final RoomVersion VERSION = RoomVersions.V10;
    private static final String SERVER = "example.org";

    private ObjectNode event;
    private VerifyKey verifyKey;
    private int eventBytes;

    @Setup
    public void setUp() throws Exception {
        byte[] seed = new byte[32];
        new Random(1).nextBytes(seed);
        SigningKey key = SigningKey.fromSeed("bench", seed);
        verifyKey = key.verifyKey();
        ObjectNode e = (ObjectNode) Json.MAPPER.readTree("""
                {"type": "m.room.message", "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
                 "sender": "@alice.example:example.org", "depth": 123456, "origin_server_ts": 1700000000000,
                 "prev_events": ["$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg"],
                 "auth_events": ["$CD66HAED5npg6074c6pDtLKalHjVfYb2q4Q3LZgrW6o",
                                 "$acR1l0raoZnm60CBwAVgqbZqoO-mYU81xysh1u7XcJk",
                                 "$Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ"],
                 "content": {"msgtype": "m.text",
                   "body": "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Grüße aus Köln — 日本語も少し。",
                   "format": "org.matrix.custom.html",
                   "formatted_body": "<p>Lorem ipsum dolor sit amet, <b>consectetur</b> adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>",
                   "m.mentions": {"user_ids": ["@bob:example.org", "@carol:example.com"]},
                   "m.relates_to": {"m.in_reply_to": {"event_id": "$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg"}}},
                 "unsigned": {"age_ts": 1700000000000}}
                """);
        EventSigning.hashAndSign(e, VERSION, SERVER, key);
        event = e;
        eventBytes = CanonicalJson.encode(event).length;
        if (!receive()) {
            throw new IllegalStateException("benchmark event does not verify");
        }
        System.out.println("\nevent canonical size: " + eventBytes + " bytes");
    }

    /** Content hash check plus signature check: the hash and signature half of receiving a PDU. */
    @Benchmark
    public boolean receive() {
        return EventHashes.hasValidContentHash(event, VERSION)
                && EventSigning.hasValidSignature(event, VERSION, SERVER, id -> verifyKey);
    }

    /** As {@link #receive()}, plus parsing into a {@link Pdu} (shape checks and event ID). */
    @Benchmark
    public boolean receiveAsPdu() {
        Pdu pdu = Pdu.fromJson(event, VERSION);
        return EventSigning.hasValidContentHash(pdu)
                && EventSigning.hasValidSignature(pdu, SERVER, id -> verifyKey);
    }

    /** Canonical JSON of the whole event alone. */
    @Benchmark
    public byte[] canonicalJson() {
        return CanonicalJson.encode(event);
    }

    /** Parsing the wire bytes with Jackson, for scale. */
    @Benchmark
    public Object parseWireBytes() throws Exception {
        return Json.MAPPER.readTree(WIRE);
    }

    private static final byte[] WIRE = ("{\"type\":\"m.room.message\",\"content\":{\"body\":\""
            + "x".repeat(900) + "\"}}").getBytes(StandardCharsets.UTF_8);
}
