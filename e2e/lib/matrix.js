// Small helpers around matrix-js-sdk's MatrixClient for the tests: every request still goes
// through the SDK; these only save repeating the user-interactive auth dance and error checks.
import assert from "node:assert/strict";
import { createClient, MatrixError } from "matrix-js-sdk";
import { SERVER_NAME } from "./parley.js";

export const userId = (localpart) => `@${localpart}:${SERVER_NAME}`;

// The SDK logs every request at debug level; keep warnings and errors unless PARLEY_E2E_DEBUG=1.
const verbose = process.env.PARLEY_E2E_DEBUG === "1";
function sdkLogger(prefix = "matrix-js-sdk") {
    const out = (...msg) => console.error(`[${prefix}]`, ...msg);
    // Said on every M_UNKNOWN_TOKEN by a client without OAuth; the tests provoke that on purpose.
    const unlessRefreshNoise = (...msg) => {
        if (verbose || !String(msg[0]).startsWith("Unable to refresh token")) out(...msg);
    };
    // getPushRules() warns that spec v1.17 dropped rules it still expects, and that it adds MSC
    // rules of its own; the push rule tests check the server's own reply instead.
    const unlessPushRuleMerge = (...msg) => {
        if (verbose || !/^(Missing|Adding) default global/.test(String(msg[0]))) out(...msg);
    };
    const quiet = () => {};
    return {
        trace: verbose ? out : quiet,
        debug: verbose ? out : quiet,
        info: verbose ? out : quiet,
        warn: unlessPushRuleMerge,
        error: unlessRefreshNoise,
        getChild: (namespace) => sdkLogger(`${prefix}${namespace}`),
    };
}

/** A client with no credentials, for registration and login. */
export function anonymousClient(baseUrl) {
    return createClient({ baseUrl, logger: sdkLogger() });
}

/** A client for the session a /register or /login response describes. */
export function sessionClient(baseUrl, session) {
    return createClient({
        baseUrl,
        userId: session.user_id,
        deviceId: session.device_id,
        accessToken: session.access_token,
        logger: sdkLogger(),
    });
}

/** The `m.login.password` stage of user-interactive auth, identifying the user by full ID. */
export function passwordAuth(user, password, session) {
    const auth = { type: "m.login.password", identifier: { type: "m.id.user", user }, password };
    if (session !== undefined) auth.session = session;
    return auth;
}

/** Awaits a request that must fail and returns the SDK's MatrixError. */
export async function rejectionOf(promise) {
    let result;
    try {
        result = await promise;
    } catch (e) {
        assert.ok(e instanceof MatrixError, `expected a MatrixError, got ${e}`);
        return e;
    }
    assert.fail(`expected the request to fail, but it answered ${JSON.stringify(result)}`);
}

/** Asserts the request fails with exactly this HTTP status and errcode. */
export async function assertMatrixError(promise, httpStatus, errcode) {
    const e = await rejectionOf(promise);
    assert.equal(e.errcode, errcode, `errcode of ${e.message}`);
    assert.equal(e.httpStatus, httpStatus, `HTTP status of ${e.message}`);
    return e;
}

/**
 * Registers through the dummy flow the way a client does: a first request without `auth`
 * gets the 401 challenge with the flows and a session, the second completes `m.login.dummy`.
 */
export async function registerWithDummyAuth(baseUrl, body) {
    const client = anonymousClient(baseUrl);
    const challenge = await rejectionOf(client.registerRequest(body));
    assert.equal(challenge.httpStatus, 401);
    assert.deepEqual(challenge.data.flows, [{ stages: ["m.login.dummy"] }]);
    assert.equal(typeof challenge.data.session, "string");
    return client.registerRequest({ ...body, auth: { type: "m.login.dummy", session: challenge.data.session } });
}

/** Logs in with a password through `loginRequest`, without touching any client's state. */
export function passwordLogin(baseUrl, user, password, extra = {}) {
    return anonymousClient(baseUrl).loginRequest({
        type: "m.login.password",
        identifier: { type: "m.id.user", user },
        password,
        ...extra,
    });
}
