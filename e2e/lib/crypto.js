// Helpers for the end-to-end encryption tests: matrix-js-sdk clients with the Rust crypto stack
// (@matrix-org/matrix-sdk-crypto-wasm, shipped with matrix-js-sdk) in memory, syncing for real.
import assert from "node:assert/strict";
import { ClientEvent, MatrixError, MatrixEventEvent } from "matrix-js-sdk";
import { passwordAuth, passwordLogin, registerWithDummyAuth, sessionClient } from "./matrix.js";

/** Polls until `check` returns a truthy value (which is returned) or the time is up. */
export async function eventually(what, check, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await check();
        if (value) return value;
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
    }
}

/** A started client with Rust crypto for an existing session; resolves once its first sync is done. */
export async function cryptoClient(baseUrl, session) {
    const client = sessionClient(baseUrl, session);
    // In memory: Node has no IndexedDB, and every test device is new.
    await client.initRustCrypto({ useIndexedDB: false });
    const prepared = new Promise((resolve, reject) => {
        client.on(ClientEvent.Sync, (state, _prev, data) => {
            if (state === "PREPARED") resolve();
            if (state === "ERROR") reject(data?.error ?? new Error("sync failed"));
        });
    });
    await client.startClient({ initialSyncLimit: 20 });
    await prepared;
    return client;
}

/** Registers a user and returns a started crypto client for the new device. */
export async function registerCryptoUser(baseUrl, username, password) {
    const session = await registerWithDummyAuth(baseUrl, { username, password });
    return cryptoClient(baseUrl, session);
}

/** Logs the user in on a new device and returns a started crypto client for it. */
export async function newDevice(baseUrl, username, password) {
    return cryptoClient(baseUrl, await passwordLogin(baseUrl, username, password));
}

/**
 * The UIA callback the SDK calls to upload cross-signing keys: first without auth (the first
 * upload needs none), and with the password stage when the server asks for it.
 */
export function passwordUia(userId, password) {
    return async (makeRequest) => {
        try {
            return await makeRequest(null);
        } catch (e) {
            if (!(e instanceof MatrixError) || e.httpStatus !== 401) throw e;
            return makeRequest(passwordAuth(userId, password, e.data.session));
        }
    };
}

/** The decrypted body of the room's event with this ID, once the client can decrypt it. */
export async function decryptedBody(client, roomId, eventId, timeoutMs = 30_000) {
    return eventually(`decryption of ${eventId} by ${client.getUserId()}/${client.getDeviceId()}`, async () => {
        const event = client.getRoom(roomId)?.findEventById(eventId);
        if (!event) return null;
        if (event.isBeingDecrypted()) {
            await new Promise((r) => event.once(MatrixEventEvent.Decrypted, r));
        }
        if (event.isDecryptionFailure()) {
            await client.decryptEventIfNeeded(event, { isRetry: true });
        }
        return event.isDecryptionFailure() || event.getType() !== "m.room.message" ? null : event.getContent().body;
    }, timeoutMs);
}

/**
 * Stops the clients. matrix-js-sdk arms a request time-out timer (60–110 s) for every request and
 * never clears it, so a process that ran syncing clients would linger that long after its last
 * test: the suite runs with `node --test --test-force-exit` (package.json) for that reason.
 */
export function stopAll(...clients) {
    for (const c of clients) c?.stopClient();
}
