// Endpoints being built on another branch and not yet on main. A test that needs one is marked
// with node:test's `todo`: it still runs against the server and prints its failure, but a
// failure does not fail the suite, and the report counts it under "todo". While an entry is set,
// a guard test fails as soon as the server does answer the endpoint, so that the marker is
// removed (set to false) when the endpoint is merged, and its tests count again.
export const PENDING = {
    profile: "GET/PUT /profile/{userId}/... not on main yet (branch userdata)",
    pushRules: "GET/PUT/DELETE /pushrules/... not on main yet (branch userdata)",
};
