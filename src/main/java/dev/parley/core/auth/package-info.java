/**
 * Event authorization (room version pages, "Authorization rules"; server-server API, "Checks
 * performed on receipt of a PDU" and "Auth events selection").
 *
 * <ul>
 *   <li>{@link dev.parley.core.auth.AuthEventSelection}: the {@code auth_events} a new event cites.</li>
 *   <li>{@link dev.parley.core.auth.EventAuthorizer}: the rules of one room version;
 *       {@code authorizeByAuthEvents} is check 4 on receipt, {@code authorizeByState} checks 5
 *       and 6 and the iterative auth checks of state resolution. The answer is an
 *       {@link dev.parley.core.auth.AuthDecision} naming the deciding rule as the spec numbers it.</li>
 *   <li>{@link dev.parley.core.auth.PowerLevels}: levels with the spec's defaults, string and
 *       float values where the room version allows them, infinite power for v12 creators.</li>
 *   <li>Lookups go through {@link dev.parley.core.auth.EventSource} and
 *       {@link dev.parley.core.auth.AuthState}; signature questions through
 *       {@link dev.parley.core.auth.SignatureCheck}. Nothing here does I/O.</li>
 * </ul>
 * Differences between room versions come from {@link dev.parley.core.room.RoomVersion} flags.
 */
package dev.parley.core.auth;
