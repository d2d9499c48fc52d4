// End-to-end encryption with matrix-js-sdk's Rust crypto against Parley: two users in an
// encrypted room read each other's messages, cross-signing verifies a second device, and a key
// backup lets a brand-new device read old messages. The server only relays key material.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startParley } from "../lib/parley.js";
import { userId } from "../lib/matrix.js";
import { cryptoClient, decryptedBody, eventually, newDevice, passwordUia, registerCryptoUser, stopAll }
    from "../lib/crypto.js";
import { passwordLogin } from "../lib/matrix.js";

const ENCRYPTION = { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } };

let server;
before(async () => { server = await startParley(); });
after(async () => { await server?.stop(); });

/** An encrypted room `owner` created and `guest` joined, as both clients see it. */
async function encryptedRoom(owner, guest) {
    const { room_id: roomId } = await owner.createRoom({
        preset: "private_chat", invite: [guest.getUserId()], initial_state: [ENCRYPTION],
    });
    await eventually("the invite", () => guest.getRoom(roomId));
    await guest.joinRoom(roomId);
    await eventually("both members joined, seen by both", () =>
        [owner, guest].every((c) => c.getRoom(roomId)?.getJoinedMemberCount() === 2));
    await eventually("encryption enabled on both sides", async () =>
        (await owner.getCrypto().isEncryptionEnabledInRoom(roomId))
        && (await guest.getCrypto().isEncryptionEnabledInRoom(roomId)));
    return roomId;
}

test("two users in an encrypted room read each other's messages", async () => {
    const alice = await registerCryptoUser(server.baseUrl, "alice", "alice-pw");
    const bob = await registerCryptoUser(server.baseUrl, "bob", "bob-pw");
    try {
        const roomId = await encryptedRoom(alice, bob);
        const hello = await alice.sendTextMessage(roomId, "Hello Bob, this is secret");
        assert.equal(await decryptedBody(bob, roomId, hello.event_id), "Hello Bob, this is secret");
        // The server stored only ciphertext.
        const raw = await bob.fetchRoomEvent(roomId, hello.event_id);
        assert.equal(raw.type, "m.room.encrypted");
        assert.ok(!JSON.stringify(raw).includes("secret"));

        const reply = await bob.sendTextMessage(roomId, "Hi Alice, got it");
        assert.equal(await decryptedBody(alice, roomId, reply.event_id), "Hi Alice, got it");
    } finally {
        stopAll(alice, bob);
    }
});

test("cross-signing: bootstrap, then a second device is cross-signed and verified", async () => {
    const laptop = await registerCryptoUser(server.baseUrl, "carol", "carol-pw");
    let phone;
    try {
        const crypto = laptop.getCrypto();
        await crypto.bootstrapCrossSigning({ authUploadDeviceSigningKeys: passwordUia(userId("carol"), "carol-pw") });
        assert.equal(await crypto.isCrossSigningReady(), true);
        // Bootstrap signs the bootstrapping device; the client learns it from /keys/query.
        await eventually("the laptop signed by carol's self-signing key", async () =>
            (await crypto.getDeviceVerificationStatus(userId("carol"), laptop.getDeviceId()))?.signedByOwner);

        phone = await newDevice(server.baseUrl, "carol", "carol-pw");
        const phoneId = phone.getDeviceId();
        await eventually("the laptop learns of the phone", async () =>
            (await crypto.getUserDeviceInfo([userId("carol")], true)).get(userId("carol"))?.has(phoneId));
        const before = await crypto.getDeviceVerificationStatus(userId("carol"), phoneId);
        assert.equal(before.crossSigningVerified, false);

        // The signature goes to the server (/keys/signatures/upload); the laptop reads it back from /keys/query.
        await crypto.crossSignDevice(phoneId);
        const after = await eventually("the phone cross-signed, seen by the laptop", async () => {
            await crypto.getUserDeviceInfo([userId("carol")], true);
            const status = await crypto.getDeviceVerificationStatus(userId("carol"), phoneId);
            return status?.signedByOwner ? status : null;
        });
        assert.equal(after.crossSigningVerified, true);
        // The phone, fetching the keys from the server, sees its own device signed by carol's self-signing key.
        await eventually("the phone sees itself signed", async () => {
            await phone.getCrypto().getUserDeviceInfo([userId("carol")], true);
            return (await phone.getCrypto().getDeviceVerificationStatus(userId("carol"), phoneId))?.signedByOwner;
        });
    } finally {
        stopAll(laptop, phone);
    }
});

test("a key backup restored on a new device decrypts old messages", async () => {
    const dave = await registerCryptoUser(server.baseUrl, "dave", "dave-pw");
    const erin = await registerCryptoUser(server.baseUrl, "erin", "erin-pw");
    let fresh;
    try {
        const crypto = dave.getCrypto();
        await crypto.resetKeyBackup();
        const version = await eventually("an active backup", () => crypto.getActiveSessionBackupVersion());
        const roomId = await encryptedRoom(dave, erin);
        const old = await dave.sendTextMessage(roomId, "Remember this, future me");
        assert.equal(await decryptedBody(erin, roomId, old.event_id), "Remember this, future me");
        await eventually("the session key in the backup", async () => {
            const res = await fetch(`${server.baseUrl}/_matrix/client/v3/room_keys/keys?version=${version}`,
                { headers: { Authorization: `Bearer ${dave.getAccessToken()}` } });
            const body = await res.json();
            return Object.keys(body.rooms?.[roomId]?.sessions ?? {}).length > 0;
        });
        const backupKey = await crypto.getSessionBackupPrivateKey();
        assert.ok(backupKey);

        fresh = await cryptoClient(server.baseUrl, await passwordLogin(server.baseUrl, "dave", "dave-pw"));
        await eventually("the new device sees the old event", () =>
            fresh.getRoom(roomId)?.findEventById(old.event_id));
        await fresh.getCrypto().storeSessionBackupPrivateKey(backupKey, version);
        const restored = await fresh.getCrypto().restoreKeyBackup();
        assert.ok(restored.imported >= 1, `imported ${JSON.stringify(restored)}`);
        assert.equal(await decryptedBody(fresh, roomId, old.event_id), "Remember this, future me");
    } finally {
        stopAll(dave, erin, fresh);
    }
});
