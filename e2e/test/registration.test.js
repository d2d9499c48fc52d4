// Registration and login with matrix-js-sdk: the dummy UIA flow, usernames, password login,
// whoami and logout.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startParley, SERVER_NAME } from "../lib/parley.js";
import {
    anonymousClient, assertMatrixError, passwordLogin, registerWithDummyAuth, rejectionOf, sessionClient, userId,
} from "../lib/matrix.js";

let server;
before(async () => { server = await startParley(); });
after(async () => { await server?.stop(); });

describe("registration", () => {
    test("the first request is answered with the dummy flow, and completing it creates the account", async () => {
        const client = anonymousClient(server.baseUrl);
        const challenge = await rejectionOf(client.registerRequest({ username: "alice", password: "wonderland" }));
        assert.equal(challenge.httpStatus, 401);
        assert.equal(challenge.errcode, undefined, "a plain challenge carries no errcode");
        assert.deepEqual(challenge.data.flows, [{ stages: ["m.login.dummy"] }]);
        assert.deepEqual(challenge.data.completed ?? [], []);
        assert.match(challenge.data.session, /^\S+$/);

        // MatrixClient.register() asks for a refresh token too, as Element does.
        const done = await client.register("alice", "wonderland", challenge.data.session, { type: "m.login.dummy" });
        assert.equal(done.user_id, "@alice:localhost");
        assert.match(done.device_id, /^\S+$/);
        assert.match(done.access_token, /^\S+$/);
        assert.match(done.refresh_token, /^\S+$/);
        assert.equal(done.expires_in_ms, 300_000, "sessions.refreshable_access_token_lifetime_ms default");

        const alice = sessionClient(server.baseUrl, done);
        assert.equal(alice.getUserId(), "@alice:localhost");
        const whoami = await alice.whoami();
        assert.equal(whoami.user_id, "@alice:localhost");
        assert.equal(whoami.device_id, done.device_id);
        assert.notEqual(whoami.is_guest, true);
    });

    test("a chosen device ID and display name are kept", async () => {
        const done = await registerWithDummyAuth(server.baseUrl, {
            username: "bob", password: "builder", device_id: "BOBPHONE", initial_device_display_name: "Bob's phone",
        });
        assert.equal(done.user_id, userId("bob"));
        assert.equal(done.device_id, "BOBPHONE");
        assert.equal(done.refresh_token, undefined, "no refresh token unless asked for");
        assert.equal(done.expires_in_ms, undefined);
        const bob = sessionClient(server.baseUrl, done);
        const device = await bob.getDevice("BOBPHONE");
        assert.equal(device.device_id, "BOBPHONE");
        assert.equal(device.display_name, "Bob's phone");
    });

    test("a taken username is refused with M_USER_IN_USE, and availability says so", async () => {
        await registerWithDummyAuth(server.baseUrl, { username: "carol", password: "pw-carol" });
        const client = anonymousClient(server.baseUrl);
        await assertMatrixError(client.registerRequest({ username: "carol", password: "other" }), 400, "M_USER_IN_USE");
        assert.equal(await client.isUsernameAvailable("carol"), false);
        assert.equal(await client.isUsernameAvailable("carol2"), true);
        await assertMatrixError(client.isUsernameAvailable("not valid!"), 400, "M_INVALID_USERNAME");
        await assertMatrixError(client.registerRequest({ username: "not valid!", password: "pw" }), 400, "M_INVALID_USERNAME");
    });

    test("a session ID the server never issued is refused", async () => {
        const client = anonymousClient(server.baseUrl);
        const e = await rejectionOf(client.register("dave", "pw", "no-such-session", { type: "m.login.dummy" }));
        assert.equal(e.httpStatus, 400);
        assert.equal(e.errcode, "M_UNKNOWN");
        assert.equal(await client.isUsernameAvailable("dave"), true, "nothing was created");
    });
});

describe("login", () => {
    before(async () => {
        await registerWithDummyAuth(server.baseUrl, { username: "erin", password: "erin-pw", device_id: "FIRST" });
    });

    test("the server offers password login", async () => {
        const { flows } = await anonymousClient(server.baseUrl).loginFlows();
        assert.ok(flows.some((f) => f.type === "m.login.password"), JSON.stringify(flows));
    });

    test("loginWithPassword signs the client in on a new device", async () => {
        const client = anonymousClient(server.baseUrl);
        const res = await client.loginWithPassword("erin", "erin-pw");
        assert.equal(res.user_id, "@erin:localhost");
        assert.equal(res.home_server, SERVER_NAME);
        assert.match(res.device_id, /^\S+$/);
        assert.notEqual(res.device_id, "FIRST");
        assert.equal(client.getAccessToken(), res.access_token);
        const whoami = await client.whoami();
        assert.deepEqual([whoami.user_id, whoami.device_id], ["@erin:localhost", res.device_id]);
    });

    test("login by full user ID with a chosen device ID", async () => {
        const client = anonymousClient(server.baseUrl);
        const res = await client.login("m.login.password", {
            identifier: { type: "m.id.user", user: "@erin:localhost" },
            password: "erin-pw",
            device_id: "LAPTOP",
            initial_device_display_name: "Erin's laptop",
        });
        assert.equal(res.user_id, "@erin:localhost");
        assert.equal(res.device_id, "LAPTOP");
        assert.equal((await client.getDevice("LAPTOP")).display_name, "Erin's laptop");
    });

    test("wrong passwords and unknown users get M_FORBIDDEN", async () => {
        await assertMatrixError(passwordLogin(server.baseUrl, "erin", "not-erin-pw"), 403, "M_FORBIDDEN");
        await assertMatrixError(passwordLogin(server.baseUrl, "nobody-here", "erin-pw"), 403, "M_FORBIDDEN");
        const client = anonymousClient(server.baseUrl);
        await assertMatrixError(client.loginWithPassword("erin", ""), 403, "M_FORBIDDEN");
        assert.equal(client.getAccessToken(), null, "a failed login leaves the client signed out");
    });

    test("logout ends that session only", async () => {
        const a = sessionClient(server.baseUrl, await passwordLogin(server.baseUrl, "erin", "erin-pw"));
        const b = sessionClient(server.baseUrl, await passwordLogin(server.baseUrl, "erin", "erin-pw"));
        assert.deepEqual(await a.logout(), {});
        await assertMatrixError(a.whoami(), 401, "M_UNKNOWN_TOKEN");
        await assertMatrixError(a.logout(), 401, "M_UNKNOWN_TOKEN");
        assert.equal((await b.whoami()).user_id, "@erin:localhost");
        const devices = (await b.getDevices()).devices.map((d) => d.device_id);
        assert.ok(!devices.includes(a.getDeviceId()), "the logged-out device is gone");
        assert.ok(devices.includes(b.getDeviceId()));
    });

    test("requests without a token get M_MISSING_TOKEN", async () => {
        await assertMatrixError(anonymousClient(server.baseUrl).whoami(), 401, "M_MISSING_TOKEN");
    });
});
