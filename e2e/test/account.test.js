// Refresh tokens, password changes and deactivation with matrix-js-sdk.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startParley } from "../lib/parley.js";
import {
    anonymousClient, assertMatrixError, passwordAuth, passwordLogin, registerWithDummyAuth, rejectionOf, sessionClient,
} from "../lib/matrix.js";

let server;
before(async () => { server = await startParley(); });
after(async () => { await server?.stop(); });

describe("refresh tokens", () => {
    test("a refresh gives a new token pair for the same device; the used refresh token is spent", async () => {
        const reg = await registerWithDummyAuth(server.baseUrl, { username: "liam", password: "liam-pw", inhibit_login: true });
        assert.equal(reg.user_id, "@liam:localhost");
        assert.deepEqual([reg.access_token, reg.device_id], [undefined, undefined], "inhibit_login: no session");
        const login = await passwordLogin(server.baseUrl, "liam", "liam-pw", { refresh_token: true });
        assert.match(login.refresh_token, /^\S+$/);
        assert.equal(login.expires_in_ms, 300_000);
        const client = sessionClient(server.baseUrl, login);

        const refreshed = await client.refreshToken(login.refresh_token);
        assert.match(refreshed.access_token, /^\S+$/);
        assert.match(refreshed.refresh_token, /^\S+$/);
        assert.notEqual(refreshed.access_token, login.access_token);
        assert.notEqual(refreshed.refresh_token, login.refresh_token);
        assert.equal(refreshed.expires_in_ms, 300_000);

        client.setAccessToken(refreshed.access_token);
        const whoami = await client.whoami();
        assert.deepEqual([whoami.user_id, whoami.device_id], ["@liam:localhost", login.device_id]);

        // Using the new access token revokes the old refresh token.
        await assertMatrixError(client.refreshToken(login.refresh_token), 401, "M_UNKNOWN_TOKEN");
        const again = await client.refreshToken(refreshed.refresh_token);
        client.setAccessToken(again.access_token);
        assert.equal((await client.whoami()).device_id, login.device_id);
        assert.deepEqual((await client.getDevices()).devices.map((d) => d.device_id), [login.device_id],
            "refreshing never adds devices");
    });

    test("a made-up refresh token is refused with M_UNKNOWN_TOKEN", async () => {
        const login = await registerWithDummyAuth(server.baseUrl, { username: "mia", password: "mia-pw" });
        const client = sessionClient(server.baseUrl, login);
        await assertMatrixError(client.refreshToken("syr_not_a_real_token"), 401, "M_UNKNOWN_TOKEN");
        assert.equal((await client.whoami()).user_id, "@mia:localhost", "the session is untouched");
    });
});

describe("password change", () => {
    test("needs the old password, then signs out the other devices", async () => {
        const current = sessionClient(server.baseUrl,
            await registerWithDummyAuth(server.baseUrl, { username: "nina", password: "old-pw", device_id: "NOW" }));
        const other = sessionClient(server.baseUrl,
            await passwordLogin(server.baseUrl, "nina", "old-pw", { device_id: "OTHER" }));

        const challenge = await rejectionOf(current.setPassword(undefined, "new-pw"));
        assert.equal(challenge.httpStatus, 401);
        assert.deepEqual(challenge.data.flows, [{ stages: ["m.login.password"] }]);

        const wrong = await rejectionOf(current.setPassword(passwordAuth("@nina:localhost", "guess"), "new-pw"));
        assert.equal(wrong.httpStatus, 401);
        assert.equal(wrong.errcode, "M_FORBIDDEN");
        await assertMatrixError(passwordLogin(server.baseUrl, "nina", "new-pw"), 403, "M_FORBIDDEN");

        assert.deepEqual(await current.setPassword(passwordAuth("@nina:localhost", "old-pw", challenge.data.session), "new-pw"), {});
        await assertMatrixError(other.whoami(), 401, "M_UNKNOWN_TOKEN");
        assert.equal((await current.whoami()).device_id, "NOW", "the device that changed it stays signed in");
        assert.deepEqual((await current.getDevices()).devices.map((d) => d.device_id), ["NOW"]);
        await assertMatrixError(passwordLogin(server.baseUrl, "nina", "old-pw"), 403, "M_FORBIDDEN");
        assert.equal((await passwordLogin(server.baseUrl, "nina", "new-pw")).user_id, "@nina:localhost");
    });

    test("keeps the other devices when logout_devices is false", async () => {
        const current = sessionClient(server.baseUrl,
            await registerWithDummyAuth(server.baseUrl, { username: "otto", password: "otto-1" }));
        const other = sessionClient(server.baseUrl, await passwordLogin(server.baseUrl, "otto", "otto-1"));
        assert.deepEqual(await current.setPassword(passwordAuth("@otto:localhost", "otto-1"), "otto-2", false), {});
        assert.equal((await other.whoami()).user_id, "@otto:localhost");
        await assertMatrixError(passwordLogin(server.baseUrl, "otto", "otto-1"), 403, "M_FORBIDDEN");
    });
});

describe("deactivation", () => {
    test("needs the password, ends every session and keeps the user ID taken", async () => {
        const reg = await registerWithDummyAuth(server.baseUrl, { username: "pia", password: "pia-pw" });
        const pia = sessionClient(server.baseUrl, reg);
        const other = sessionClient(server.baseUrl, await passwordLogin(server.baseUrl, "pia", "pia-pw"));

        const challenge = await rejectionOf(pia.deactivateAccount());
        assert.equal(challenge.httpStatus, 401);
        assert.deepEqual(challenge.data.flows, [{ stages: ["m.login.password"] }]);
        await assertMatrixError(pia.deactivateAccount(passwordAuth("@pia:localhost", "guess", challenge.data.session)),
            401, "M_FORBIDDEN");
        assert.equal((await pia.whoami()).user_id, "@pia:localhost", "still active after a wrong password");

        const done = await pia.deactivateAccount(passwordAuth("@pia:localhost", "pia-pw", challenge.data.session), true);
        assert.deepEqual(done, { id_server_unbind_result: "no-support" });
        await assertMatrixError(pia.whoami(), 401, "M_UNKNOWN_TOKEN");
        await assertMatrixError(other.whoami(), 401, "M_UNKNOWN_TOKEN");
        await assertMatrixError(passwordLogin(server.baseUrl, "pia", "pia-pw"), 403, "M_USER_DEACTIVATED");
        await assertMatrixError(anonymousClient(server.baseUrl).registerRequest({ username: "pia", password: "x" }),
            400, "M_USER_IN_USE");
    });
});
