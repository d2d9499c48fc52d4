// Push rules with matrix-js-sdk: a new account has the spec's predefined rules, and the client
// can switch one off and add its own.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Method, PushRuleKind } from "matrix-js-sdk";
import { startParley } from "../lib/parley.js";
import { predefinedOverrideRules, predefinedUnderrideRules } from "../lib/predefined-push-rules.js";
import { assertMatrixError, registerWithDummyAuth, sessionClient } from "../lib/matrix.js";

let server;
before(async () => { server = await startParley(); });
after(async () => { await server?.stop(); });

const register = async (username) =>
    sessionClient(server.baseUrl, await registerWithDummyAuth(server.baseUrl, { username, password: `${username}-pw` }));
const byId = (rules) => Object.fromEntries(rules.map((r) => [r.rule_id, r]));

test("a new account has exactly the spec's predefined rules, in order", async () => {
    const vera = await register("vera");
    // The raw answer first: getPushRules() below fills in rules the SDK expects but a server lacks,
    // so only the server's own reply can show that nothing is missing.
    const raw = await vera.http.authedRequest(Method.Get, "/pushrules/");
    assert.deepEqual(Object.keys(raw).sort(), ["global"]);
    assert.deepEqual(raw.global.override, predefinedOverrideRules("@vera:localhost"));
    assert.deepEqual(raw.global.underride, predefinedUnderrideRules());
    assert.deepEqual(raw.global.content, []);
    assert.deepEqual(raw.global.room, []);
    assert.deepEqual(raw.global.sender, []);

    const rules = await vera.getPushRules();
    const override = byId(rules.global.override);
    assert.equal(rules.global.override[0].rule_id, ".m.rule.master");
    assert.equal(override[".m.rule.master"].enabled, false);
    assert.equal(override[".m.rule.invite_for_me"].conditions[2].pattern, "@vera:localhost");
    assert.equal(override[".m.rule.is_user_mention"].conditions[0].value, "@vera:localhost");
    assert.deepEqual(byId(rules.global.underride)[".m.rule.message"].actions, ["notify"]);
});

test("each account's rules name that account", async () => {
    const walt = await register("walt");
    const rules = await walt.getPushRules();
    assert.equal(byId(rules.global.override)[".m.rule.invite_for_me"].conditions[2].pattern, "@walt:localhost");
});

test("the master rule is switched on, and a content rule added and removed", async () => {
    const xena = await register("xena");
    assert.deepEqual(await xena.setPushRuleEnabled("global", PushRuleKind.Override, ".m.rule.master", true), {});
    assert.equal(byId((await xena.getPushRules()).global.override)[".m.rule.master"].enabled, true);

    assert.deepEqual(await xena.addPushRule("global", PushRuleKind.ContentSpecific, "cats",
        { pattern: "cat*", actions: ["notify", { set_tweak: "highlight" }] }), {});
    const content = (await xena.getPushRules()).global.content;
    assert.deepEqual(content, [{
        rule_id: "cats", default: false, enabled: true, pattern: "cat*", actions: ["notify", { set_tweak: "highlight" }],
    }]);
    assert.deepEqual(await xena.deletePushRule("global", PushRuleKind.ContentSpecific, "cats"), {});
    assert.deepEqual((await xena.getPushRules()).global.content, []);
    await assertMatrixError(xena.deletePushRule("global", PushRuleKind.ContentSpecific, "cats"), 404, "M_NOT_FOUND");

    const other = await register("yuri");
    assert.equal(byId((await other.getPushRules()).global.override)[".m.rule.master"].enabled, false,
        "one account's change leaves another's rules alone");
});
