// An access token issued with a refresh token expires; the client gets a soft logout and
// refreshes without signing in again. Runs its own server with a short token lifetime.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, test } from "node:test";
import { startParley } from "../lib/parley.js";
import { assertMatrixError, passwordLogin, registerWithDummyAuth, sessionClient } from "../lib/matrix.js";

const LIFETIME_MS = 2_000;
let server;
before(async () => {
    server = await startParley({ "sessions.refreshable_access_token_lifetime_ms": LIFETIME_MS });
});
after(async () => { await server?.stop(); });

test("an expired access token is a soft logout that a refresh recovers from", async () => {
    await registerWithDummyAuth(server.baseUrl, { username: "quinn", password: "quinn-pw" });
    const login = await passwordLogin(server.baseUrl, "quinn", "quinn-pw", { refresh_token: true, device_id: "QPHONE" });
    assert.equal(login.expires_in_ms, LIFETIME_MS);
    const client = sessionClient(server.baseUrl, login);
    assert.equal((await client.whoami()).device_id, "QPHONE");

    await sleep(LIFETIME_MS + 500);
    const expired = await assertMatrixError(client.whoami(), 401, "M_UNKNOWN_TOKEN");
    assert.equal(expired.data.soft_logout, true);

    // The SDK sends the expired access token along with the refresh request; the server must not mind.
    const refreshed = await client.refreshToken(login.refresh_token);
    assert.equal(refreshed.expires_in_ms, LIFETIME_MS);
    client.setAccessToken(refreshed.access_token);
    const whoami = await client.whoami();
    assert.deepEqual([whoami.user_id, whoami.device_id], ["@quinn:localhost", "QPHONE"]);
});

test("a token issued without a refresh token does not expire", async () => {
    const reg = await registerWithDummyAuth(server.baseUrl, { username: "rosa", password: "rosa-pw" });
    assert.equal(reg.expires_in_ms, undefined);
    await sleep(LIFETIME_MS + 500);
    assert.equal((await sessionClient(server.baseUrl, reg).whoami()).user_id, "@rosa:localhost");
});
