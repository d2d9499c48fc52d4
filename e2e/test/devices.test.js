// Devices with matrix-js-sdk: listing, renaming, and deleting with user-interactive auth.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startParley } from "../lib/parley.js";
import {
    assertMatrixError, passwordAuth, passwordLogin, registerWithDummyAuth, rejectionOf, sessionClient,
} from "../lib/matrix.js";

let server;
before(async () => { server = await startParley(); });
after(async () => { await server?.stop(); });

const ids = (res) => res.devices.map((d) => d.device_id).sort();

test("two devices are listed, renamed and seen by each other", async () => {
    const first = await registerWithDummyAuth(server.baseUrl, {
        username: "gina", password: "gina-pw", device_id: "DESKTOP", initial_device_display_name: "Desktop",
    });
    const desktop = sessionClient(server.baseUrl, first);
    const phone = sessionClient(server.baseUrl, await passwordLogin(server.baseUrl, "gina", "gina-pw", {
        device_id: "PHONE", initial_device_display_name: "Phone",
    }));
    await phone.whoami();

    const listed = await desktop.getDevices();
    assert.deepEqual(ids(listed), ["DESKTOP", "PHONE"]);
    const phoneEntry = listed.devices.find((d) => d.device_id === "PHONE");
    assert.equal(phoneEntry.display_name, "Phone");
    assert.equal(phoneEntry.last_seen_ip, "127.0.0.1");
    assert.ok(Number.isInteger(phoneEntry.last_seen_ts) && phoneEntry.last_seen_ts > Date.now() - 600_000,
        `last_seen_ts ${phoneEntry.last_seen_ts}`);
    assert.deepEqual(ids(await phone.getDevices()), ["DESKTOP", "PHONE"], "both sessions see the same list");

    assert.deepEqual(await desktop.setDeviceDetails("PHONE", { display_name: "Old phone" }), {});
    assert.equal((await phone.getDevice("PHONE")).display_name, "Old phone");
    assert.deepEqual(await phone.setDeviceDetails("DESKTOP", { display_name: "Work desktop" }), {});
    const renamed = Object.fromEntries((await desktop.getDevices()).devices.map((d) => [d.device_id, d.display_name]));
    assert.deepEqual(renamed, { DESKTOP: "Work desktop", PHONE: "Old phone" });

    await assertMatrixError(desktop.getDevice("NO_SUCH_DEVICE"), 404, "M_NOT_FOUND");
    await assertMatrixError(desktop.setDeviceDetails("NO_SUCH_DEVICE", { display_name: "x" }), 404, "M_NOT_FOUND");
});

test("another user's devices are invisible", async () => {
    await registerWithDummyAuth(server.baseUrl, { username: "hugo", password: "hugo-pw", device_id: "HUGOS" });
    const ivan = sessionClient(server.baseUrl,
        await registerWithDummyAuth(server.baseUrl, { username: "ivan", password: "ivan-pw", device_id: "IVANS" }));
    assert.deepEqual(ids(await ivan.getDevices()), ["IVANS"]);
    await assertMatrixError(ivan.getDevice("HUGOS"), 404, "M_NOT_FOUND");
    await assertMatrixError(ivan.setDeviceDetails("HUGOS", { display_name: "mine now" }), 404, "M_NOT_FOUND");
});

test("deleting a device needs the password stage and signs that device out", async () => {
    const main = sessionClient(server.baseUrl,
        await registerWithDummyAuth(server.baseUrl, { username: "jane", password: "jane-pw", device_id: "MAIN" }));
    const spare = sessionClient(server.baseUrl,
        await passwordLogin(server.baseUrl, "jane", "jane-pw", { device_id: "SPARE" }));

    const challenge = await rejectionOf(main.deleteDevice("SPARE"));
    assert.equal(challenge.httpStatus, 401);
    assert.deepEqual(challenge.data.flows, [{ stages: ["m.login.password"] }]);
    const session = challenge.data.session;
    assert.match(session, /^\S+$/);

    const wrong = await rejectionOf(main.deleteDevice("SPARE", passwordAuth("@jane:localhost", "not-jane-pw", session)));
    assert.equal(wrong.httpStatus, 401, "a failed stage is answered with the challenge again");
    assert.equal(wrong.errcode, "M_FORBIDDEN");
    assert.equal(wrong.data.session, session);
    assert.equal((await spare.whoami()).device_id, "SPARE", "still signed in after the failed attempt");

    assert.deepEqual(await main.deleteDevice("SPARE", passwordAuth("@jane:localhost", "jane-pw", session)), {});
    await assertMatrixError(spare.whoami(), 401, "M_UNKNOWN_TOKEN");
    assert.deepEqual(ids(await main.getDevices()), ["MAIN"]);
    await assertMatrixError(main.getDevice("SPARE"), 404, "M_NOT_FOUND");
});

test("several devices are deleted at once", async () => {
    const main = sessionClient(server.baseUrl,
        await registerWithDummyAuth(server.baseUrl, { username: "kate", password: "kate-pw", device_id: "KEEP" }));
    for (const device_id of ["OLD1", "OLD2"]) {
        await passwordLogin(server.baseUrl, "kate", "kate-pw", { device_id });
    }
    assert.deepEqual(ids(await main.getDevices()), ["KEEP", "OLD1", "OLD2"]);
    assert.deepEqual(await main.deleteMultipleDevices(["OLD1", "OLD2"], passwordAuth("@kate:localhost", "kate-pw")), {});
    assert.deepEqual(ids(await main.getDevices()), ["KEEP"]);
});
