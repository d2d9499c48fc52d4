// One client's whole life with matrix-js-sdk, in the order a person would live it: register,
// sign in on a second device, list and rename devices, refresh a token, change the password,
// log out.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startParley } from "../lib/parley.js";
import { anonymousClient, assertMatrixError, passwordAuth, rejectionOf, sessionClient } from "../lib/matrix.js";

let server;
before(async () => { server = await startParley(); });
after(async () => { await server?.stop(); });

test("register, two devices, rename, refresh, change password, log out", async () => {
    // Register on a laptop through the dummy flow.
    const signup = anonymousClient(server.baseUrl);
    const challenge = await rejectionOf(signup.registerRequest({ username: "sam", password: "first-pw" }));
    const registered = await signup.registerRequest({
        username: "sam", password: "first-pw", device_id: "LAPTOP", initial_device_display_name: "Laptop",
        auth: { type: "m.login.dummy", session: challenge.data.session },
    });
    assert.deepEqual([registered.user_id, registered.device_id], ["@sam:localhost", "LAPTOP"]);
    const laptop = sessionClient(server.baseUrl, registered);

    // Sign in on a phone, asking for a refresh token.
    const phoneLogin = await anonymousClient(server.baseUrl).loginRequest({
        type: "m.login.password", identifier: { type: "m.id.user", user: "sam" }, password: "first-pw",
        initial_device_display_name: "Phone", refresh_token: true,
    });
    assert.equal(phoneLogin.user_id, "@sam:localhost");
    assert.notEqual(phoneLogin.device_id, "LAPTOP");
    const phone = sessionClient(server.baseUrl, phoneLogin);
    assert.equal((await phone.whoami()).device_id, phoneLogin.device_id);

    // Both devices are listed; the laptop renames the phone.
    const names = async (client) =>
        Object.fromEntries((await client.getDevices()).devices.map((d) => [d.device_id, d.display_name]));
    assert.deepEqual(await names(laptop), { LAPTOP: "Laptop", [phoneLogin.device_id]: "Phone" });
    await laptop.setDeviceDetails(phoneLogin.device_id, { display_name: "Sam's phone" });
    assert.deepEqual(await names(phone), { LAPTOP: "Laptop", [phoneLogin.device_id]: "Sam's phone" });

    // The phone refreshes its token and carries on as the same device.
    const refreshed = await phone.refreshToken(phoneLogin.refresh_token);
    phone.setAccessToken(refreshed.access_token);
    assert.equal((await phone.whoami()).device_id, phoneLogin.device_id);

    // The laptop changes the password; the phone is signed out, the laptop is not.
    await laptop.setPassword(passwordAuth("@sam:localhost", "first-pw"), "second-pw");
    await assertMatrixError(phone.whoami(), 401, "M_UNKNOWN_TOKEN");
    await assertMatrixError(phone.refreshToken(refreshed.refresh_token), 401, "M_UNKNOWN_TOKEN");
    assert.deepEqual(await names(laptop), { LAPTOP: "Laptop" });

    // Log out; the old password no longer works and the new one does.
    await laptop.logout();
    await assertMatrixError(laptop.whoami(), 401, "M_UNKNOWN_TOKEN");
    const again = anonymousClient(server.baseUrl);
    await assertMatrixError(again.loginWithPassword("sam", "first-pw"), 403, "M_FORBIDDEN");
    const back = await again.loginWithPassword("sam", "second-pw");
    assert.equal(back.user_id, "@sam:localhost");
    assert.deepEqual(Object.keys(await names(again)), [back.device_id]);
});
