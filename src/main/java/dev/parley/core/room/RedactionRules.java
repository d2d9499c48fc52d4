package dev.parley.core.room;

/**
 * The redaction algorithm a room version uses. Each constant names the room version that
 * introduced it (room version pages, "Redactions", and rooms/fragments/v*-redactions.md).
 */
public enum RedactionRules {
    /** v1 to v5. */
    V1,
    /** v6, v7: {@code m.room.aliases} loses its protected {@code aliases} key. */
    V6,
    /** v8: {@code m.room.join_rules} keeps {@code allow}. */
    V8,
    /** v9, v10: {@code m.room.member} keeps {@code join_authorised_via_users_server}. */
    V9,
    /**
     * v11+: top-level {@code origin}, {@code membership}, {@code prev_state} no longer kept;
     * {@code m.room.create} keeps all content; power levels keep {@code invite};
     * {@code m.room.redaction} keeps {@code redacts}; members keep
     * {@code third_party_invite.signed}.
     */
    V11
}
