package dev.parley.core.room;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The room versions Parley supports: 1 to 12, all stable in spec v1.19 ("Room Versions",
 * "Complete list of room versions"). Each version is written as the delta its spec page
 * describes against the version it builds on.
 */
public final class RoomVersions {
    /** "The initial room version." */
    public static final RoomVersion V1 = new RoomVersion("1", true, EventIdFormat.SERVER_SCOPED, false,
            StateResolutionAlgorithm.V1, RedactionRules.V1,
            true, true, false, false, false, false, false, false, false, false, false, false);
    /** "Implements State Resolution Version 2." */
    public static final RoomVersion V2 = V1.toBuilder("2").stateResolution(StateResolutionAlgorithm.V2).build();
    /** "Introduces events whose IDs are the event's hash"; redactions become ordinary auth. */
    public static final RoomVersion V3 = V2.toBuilder("3")
            .eventIdFormat(EventIdFormat.REFERENCE_HASH_BASE64).noLegacyRedactionAuth().build();
    /** "Builds on v3 by using URL-safe base64 for event IDs." */
    public static final RoomVersion V4 = V3.toBuilder("4").eventIdFormat(EventIdFormat.REFERENCE_HASH_URL_SAFE).build();
    /** "Introduces enforcement of signing key validity periods." */
    public static final RoomVersion V5 = V4.toBuilder("5").enforceKeyValidity().build();
    /** "Alters several authorisation rules for events": aliases rule gone, strict canonical JSON, notifications. */
    public static final RoomVersion V6 = V5.toBuilder("6").redactionRules(RedactionRules.V6)
            .noSpecialCaseAliasesAuth().strictCanonicalJson().limitNotificationsPowerLevels().build();
    /** "Introduces knocking." */
    public static final RoomVersion V7 = V6.toBuilder("7").knockAllowed().build();
    /** "Adds a join rule to allow members of another room to join without invite." */
    public static final RoomVersion V8 = V7.toBuilder("8").redactionRules(RedactionRules.V8).restrictedJoinsAllowed().build();
    /** "Builds on v8 to fix issues when redacting some membership events." */
    public static final RoomVersion V9 = V8.toBuilder("9").redactionRules(RedactionRules.V9).build();
    /** "Enforces integer-only power levels and adds knock_restricted join rule." */
    public static final RoomVersion V10 = V9.toBuilder("10").knockRestrictedAllowed().integerOnlyPowerLevels().build();
    /** "Clarifies the redaction algorithm"; drops {@code creator}, moves {@code redacts} into content. */
    public static final RoomVersion V11 = V10.toBuilder("11").redactionRules(RedactionRules.V11)
            .implicitRoomCreator().redactsInContent().build();
    /** Room IDs from the create event, creators with infinite power, state resolution v2.1. */
    public static final RoomVersion V12 = V11.toBuilder("12").roomIdFromCreateEvent().privilegedCreators()
            .stateResolution(StateResolutionAlgorithm.V2_1).build();

    /** "Servers SHOULD use room version 12 as the default room version when creating new rooms." */
    public static final RoomVersion DEFAULT = V12;

    private static final Map<String, RoomVersion> BY_ID = index(V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12);

    private RoomVersions() {
    }

    /** The version with this id, or {@code M_UNSUPPORTED_ROOM_VERSION}. */
    public static RoomVersion get(String id) {
        return find(id).orElseThrow(() -> new MatrixException(ErrCode.UNSUPPORTED_ROOM_VERSION,
                "Unsupported room version: " + id));
    }

    public static Optional<RoomVersion> find(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    public static boolean isSupported(String id) {
        return id != null && BY_ID.containsKey(id);
    }

    /** All supported versions in spec order, e.g. for the {@code m.room_versions} capability. */
    public static List<RoomVersion> all() {
        return List.copyOf(BY_ID.values());
    }

    private static Map<String, RoomVersion> index(RoomVersion... versions) {
        Map<String, RoomVersion> map = new LinkedHashMap<>();
        for (RoomVersion v : versions) {
            map.put(v.id(), v);
        }
        return map;
    }
}
