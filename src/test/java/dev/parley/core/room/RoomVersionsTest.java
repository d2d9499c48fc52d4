package dev.parley.core.room;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each room version's flags against a table written from the room version pages. */
class RoomVersionsTest {
    private static final JsonNode TABLE = Vectors.load("room-versions.json");

    @Test
    void everyFlagOfEveryVersionMatchesTheTable() {
        for (JsonNode row : TABLE.get("versions")) {
            RoomVersion v = RoomVersions.get(row.get("id").textValue());
            String as = "room version " + v.id();
            assertThat(v.stable()).as(as).isEqualTo(row.get("stable").booleanValue());
            assertThat(v.eventIdFormat().name()).as(as).isEqualTo(row.get("event_id_format").textValue());
            assertThat(v.roomIdFromCreateEvent()).as(as).isEqualTo(row.get("room_id_from_create_event").booleanValue());
            assertThat(v.stateResolution().name()).as(as).isEqualTo(row.get("state_resolution").textValue());
            assertThat(v.redactionRules().name()).as(as).isEqualTo(row.get("redaction_rules").textValue());
            assertThat(v.legacyRedactionAuth()).as(as).isEqualTo(row.get("legacy_redaction_auth").booleanValue());
            assertThat(v.specialCaseAliasesAuth()).as(as).isEqualTo(row.get("special_case_aliases_auth").booleanValue());
            assertThat(v.enforceKeyValidity()).as(as).isEqualTo(row.get("enforce_key_validity").booleanValue());
            assertThat(v.strictCanonicalJson()).as(as).isEqualTo(row.get("strict_canonical_json").booleanValue());
            assertThat(v.limitNotificationsPowerLevels()).as(as)
                    .isEqualTo(row.get("limit_notifications_power_levels").booleanValue());
            assertThat(v.knockAllowed()).as(as).isEqualTo(row.get("knock_allowed").booleanValue());
            assertThat(v.restrictedJoinsAllowed()).as(as).isEqualTo(row.get("restricted_joins_allowed").booleanValue());
            assertThat(v.knockRestrictedAllowed()).as(as).isEqualTo(row.get("knock_restricted_allowed").booleanValue());
            assertThat(v.integerOnlyPowerLevels()).as(as).isEqualTo(row.get("integer_only_power_levels").booleanValue());
            assertThat(v.implicitRoomCreator()).as(as).isEqualTo(row.get("implicit_room_creator").booleanValue());
            assertThat(v.redactsInContent()).as(as).isEqualTo(row.get("redacts_in_content").booleanValue());
            assertThat(v.privilegedCreators()).as(as).isEqualTo(row.get("privileged_creators").booleanValue());
        }
    }

    @Test
    void registryHoldsOneToTwelveInOrder() {
        List<String> ids = RoomVersions.all().stream().map(RoomVersion::id).toList();
        assertThat(ids).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        assertThat(TABLE.get("versions")).hasSize(12);
    }

    @Test
    void defaultIsTwelve() {
        assertThat(RoomVersions.DEFAULT.id()).isEqualTo(TABLE.get("default").textValue());
        assertThat(RoomVersions.DEFAULT).isSameAs(RoomVersions.get("12"));
    }

    @Test
    void derivedFlags() {
        assertThat(RoomVersions.V2.eventIdInEvent()).isTrue();
        assertThat(RoomVersions.V2.requiresEventIdDomainSignature()).isTrue();
        assertThat(RoomVersions.V3.eventIdInEvent()).isFalse();
        assertThat(RoomVersions.V5.floatPowerLevelsAllowed()).isTrue();
        assertThat(RoomVersions.V6.floatPowerLevelsAllowed()).isFalse();
        assertThat(RoomVersions.V9.stringPowerLevelsAllowed()).isTrue();
        assertThat(RoomVersions.V10.stringPowerLevelsAllowed()).isFalse();
        assertThat(RoomVersions.V5.maxDepth()).isEqualTo(Long.MAX_VALUE);
        assertThat(RoomVersions.V6.maxDepth()).isEqualTo((1L << 53) - 1);
    }

    @Test
    void unknownVersionsAreUnsupported() {
        assertThat(RoomVersions.find("13")).isEmpty();
        assertThat(RoomVersions.isSupported("1.2-beta")).isFalse();
        assertThat(RoomVersions.isSupported(null)).isFalse();
        assertThatThrownBy(() -> RoomVersions.get("org.example.v1"))
                .isInstanceOf(MatrixException.class)
                .extracting(e -> ((MatrixException) e).errCode()).isEqualTo(ErrCode.UNSUPPORTED_ROOM_VERSION);
    }
}
