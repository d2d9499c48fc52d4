// Profiles with matrix-js-sdk: display name and avatar, read by the owner and by others.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Method } from "matrix-js-sdk";
import { startParley } from "../lib/parley.js";
import { assertMatrixError, registerWithDummyAuth, sessionClient } from "../lib/matrix.js";

let server;
let tara;
let uma;
before(async () => {
    server = await startParley();
    tara = sessionClient(server.baseUrl, await registerWithDummyAuth(server.baseUrl, { username: "tara", password: "tara-pw" }));
    uma = sessionClient(server.baseUrl, await registerWithDummyAuth(server.baseUrl, { username: "uma", password: "uma-pw" }));
});
after(async () => { await server?.stop(); });

test("a display name set by its owner is read back by the owner and by others", async () => {
    assert.deepEqual(await tara.setDisplayName("Tara Tester"), {});
    assert.equal((await tara.getProfileInfo("@tara:localhost")).displayname, "Tara Tester");
    assert.deepEqual(await tara.getProfileInfo("@tara:localhost", "displayname"), { displayname: "Tara Tester" });
    assert.equal((await uma.getProfileInfo("@tara:localhost")).displayname, "Tara Tester");

    await tara.setDisplayName("Tära 🌷 T.");
    assert.deepEqual(await uma.getProfileInfo("@tara:localhost", "displayname"), { displayname: "Tära 🌷 T." });
});

test("an avatar URL is stored beside the display name", async () => {
    await uma.setDisplayName("Uma");
    assert.deepEqual(await uma.setAvatarUrl("mxc://localhost/umaAvatar01"), {});
    const profile = await tara.getProfileInfo("@uma:localhost");
    assert.equal(profile.displayname, "Uma");
    assert.equal(profile.avatar_url, "mxc://localhost/umaAvatar01");
    assert.deepEqual(await tara.getProfileInfo("@uma:localhost", "avatar_url"), { avatar_url: "mxc://localhost/umaAvatar01" });
});

test("nobody sets another user's display name", async () => {
    await tara.setDisplayName("Tara");
    const path = `/profile/${encodeURIComponent("@tara:localhost")}/displayname`;
    await assertMatrixError(uma.http.authedRequest(Method.Put, path, undefined, { displayname: "Not Tara" }), 403, "M_FORBIDDEN");
    assert.equal((await uma.getProfileInfo("@tara:localhost")).displayname, "Tara");
});

test("a user who does not exist has no profile", async () => {
    await assertMatrixError(tara.getProfileInfo("@nobody:localhost"), 404, "M_NOT_FOUND");
});
