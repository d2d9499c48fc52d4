package dev.parley.core.room;

/**
 * The rules of one room version as flags, so code asks {@code version.knockAllowed()} and never
 * compares version strings. Spec: "Room Versions" ({@code content/rooms/*.md}). Instances come
 * from {@link RoomVersions}.
 *
 * @param id                           the version string, e.g. {@code "10"}
 * @param stable                       listed as stable in the spec's list of room versions
 * @param eventIdFormat                how event IDs are formed (v1/v2 server-scoped; v3 Base64; v4+ URL-safe)
 * @param roomIdFromCreateEvent        v12+: the room ID is the create event's ID with {@code !}; the create
 *                                     event has no {@code room_id} and is never listed in {@code auth_events}
 * @param stateResolution              the state resolution algorithm
 * @param redactionRules               the redaction algorithm
 * @param legacyRedactionAuth          v1, v2: auth rule 11 checks {@code m.room.redaction} against the redact
 *                                     level or the event ID domains; from v3 redactions are checked as any event
 * @param specialCaseAliasesAuth       v1 to v5: auth rule 4 for {@code m.room.aliases} (sender domain must
 *                                     match {@code state_key}); removed in v6
 * @param enforceKeyValidity           v5+: a signing key's {@code valid_until_ts} must cover the event's
 *                                     {@code origin_server_ts}
 * @param strictCanonicalJson          v6+: events must be strict canonical JSON (no floats, integers within
 *                                     ±(2^53-1)); earlier versions must be tolerated
 * @param limitNotificationsPowerLevels v6+: power level auth rules also check {@code notifications}
 * @param knockAllowed                 v7+: the {@code knock} join rule and membership
 * @param restrictedJoinsAllowed       v8+: the {@code restricted} join rule
 * @param knockRestrictedAllowed       v10+: the {@code knock_restricted} join rule
 * @param integerOnlyPowerLevels       v10+: power level values must be JSON integers, not strings
 * @param implicitRoomCreator          v11+: {@code m.room.create} has no {@code creator}; the creator is its
 *                                     {@code sender}
 * @param redactsInContent             v11+: {@code m.room.redaction} carries {@code redacts} in {@code content}
 * @param privilegedCreators           v12+: the create event's sender and {@code additional_creators} have
 *                                     infinite power and cannot appear in {@code m.room.power_levels}
 */
public record RoomVersion(
        String id,
        boolean stable,
        EventIdFormat eventIdFormat,
        boolean roomIdFromCreateEvent,
        StateResolutionAlgorithm stateResolution,
        RedactionRules redactionRules,
        boolean legacyRedactionAuth,
        boolean specialCaseAliasesAuth,
        boolean enforceKeyValidity,
        boolean strictCanonicalJson,
        boolean limitNotificationsPowerLevels,
        boolean knockAllowed,
        boolean restrictedJoinsAllowed,
        boolean knockRestrictedAllowed,
        boolean integerOnlyPowerLevels,
        boolean implicitRoomCreator,
        boolean redactsInContent,
        boolean privilegedCreators) {

    /** v1, v2: events carry their own {@code event_id} and reference others as {@code [id, hashes]} pairs. */
    public boolean eventIdInEvent() {
        return eventIdFormat == EventIdFormat.SERVER_SCOPED;
    }

    /**
     * v1, v2 need a signature from the domain of the {@code event_id} as well as from the
     * sender's server (server-server "Validating hashes and signatures on received events").
     */
    public boolean requiresEventIdDomainSignature() {
        return eventIdFormat == EventIdFormat.SERVER_SCOPED;
    }

    /** v1 to v9 accept power levels written as strings ("stringy power levels"). */
    public boolean stringPowerLevelsAllowed() {
        return !integerOnlyPowerLevels;
    }

    /** v1 to v5 accept float power levels, truncated ("floaty power levels"). */
    public boolean floatPowerLevelsAllowed() {
        return !strictCanonicalJson;
    }

    /** The largest {@code depth} allowed: 2^53-1 under strict canonical JSON (v6+), else 2^63-1. */
    public long maxDepth() {
        return strictCanonicalJson ? (1L << 53) - 1 : Long.MAX_VALUE;
    }

    /** Starts a copy of this version under another id, for the registry's "builds on vN" steps. */
    Builder toBuilder(String newId) {
        return new Builder(this, newId);
    }

    /** Mutable copy used only by {@link RoomVersions} to express each version as a delta. */
    static final class Builder {
        private String id;
        private boolean stable;
        private EventIdFormat eventIdFormat;
        private boolean roomIdFromCreateEvent;
        private StateResolutionAlgorithm stateResolution;
        private RedactionRules redactionRules;
        private boolean legacyRedactionAuth;
        private boolean specialCaseAliasesAuth;
        private boolean enforceKeyValidity;
        private boolean strictCanonicalJson;
        private boolean limitNotificationsPowerLevels;
        private boolean knockAllowed;
        private boolean restrictedJoinsAllowed;
        private boolean knockRestrictedAllowed;
        private boolean integerOnlyPowerLevels;
        private boolean implicitRoomCreator;
        private boolean redactsInContent;
        private boolean privilegedCreators;

        private Builder(RoomVersion v, String id) {
            this.id = id;
            this.stable = v.stable;
            this.eventIdFormat = v.eventIdFormat;
            this.roomIdFromCreateEvent = v.roomIdFromCreateEvent;
            this.stateResolution = v.stateResolution;
            this.redactionRules = v.redactionRules;
            this.legacyRedactionAuth = v.legacyRedactionAuth;
            this.specialCaseAliasesAuth = v.specialCaseAliasesAuth;
            this.enforceKeyValidity = v.enforceKeyValidity;
            this.strictCanonicalJson = v.strictCanonicalJson;
            this.limitNotificationsPowerLevels = v.limitNotificationsPowerLevels;
            this.knockAllowed = v.knockAllowed;
            this.restrictedJoinsAllowed = v.restrictedJoinsAllowed;
            this.knockRestrictedAllowed = v.knockRestrictedAllowed;
            this.integerOnlyPowerLevels = v.integerOnlyPowerLevels;
            this.implicitRoomCreator = v.implicitRoomCreator;
            this.redactsInContent = v.redactsInContent;
            this.privilegedCreators = v.privilegedCreators;
        }

        Builder eventIdFormat(EventIdFormat f) { this.eventIdFormat = f; return this; }
        Builder roomIdFromCreateEvent() { this.roomIdFromCreateEvent = true; return this; }
        Builder stateResolution(StateResolutionAlgorithm a) { this.stateResolution = a; return this; }
        Builder redactionRules(RedactionRules r) { this.redactionRules = r; return this; }
        Builder noLegacyRedactionAuth() { this.legacyRedactionAuth = false; return this; }
        Builder noSpecialCaseAliasesAuth() { this.specialCaseAliasesAuth = false; return this; }
        Builder enforceKeyValidity() { this.enforceKeyValidity = true; return this; }
        Builder strictCanonicalJson() { this.strictCanonicalJson = true; return this; }
        Builder limitNotificationsPowerLevels() { this.limitNotificationsPowerLevels = true; return this; }
        Builder knockAllowed() { this.knockAllowed = true; return this; }
        Builder restrictedJoinsAllowed() { this.restrictedJoinsAllowed = true; return this; }
        Builder knockRestrictedAllowed() { this.knockRestrictedAllowed = true; return this; }
        Builder integerOnlyPowerLevels() { this.integerOnlyPowerLevels = true; return this; }
        Builder implicitRoomCreator() { this.implicitRoomCreator = true; return this; }
        Builder redactsInContent() { this.redactsInContent = true; return this; }
        Builder privilegedCreators() { this.privilegedCreators = true; return this; }

        RoomVersion build() {
            return new RoomVersion(id, stable, eventIdFormat, roomIdFromCreateEvent, stateResolution,
                    redactionRules, legacyRedactionAuth, specialCaseAliasesAuth, enforceKeyValidity,
                    strictCanonicalJson, limitNotificationsPowerLevels, knockAllowed, restrictedJoinsAllowed,
                    knockRestrictedAllowed, integerOnlyPowerLevels, implicitRoomCreator, redactsInContent,
                    privilegedCreators);
        }
    }
}
