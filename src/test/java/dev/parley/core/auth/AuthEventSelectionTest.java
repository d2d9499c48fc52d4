package dev.parley.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthEventSelectionTest {
    private static final UserId ALICE = UserId.parse("@alice:a.test");

    @Test
    void aMessageSelectsCreatePowerLevelsAndTheSendersMembership() {
        assertThat(AuthEventSelection.keys(RoomVersions.V11, "m.room.message", ALICE, null, obj()))
                .containsExactly(StateKey.CREATE_KEY, StateKey.POWER_LEVELS_KEY, StateKey.member(ALICE));
    }

    @Test
    void v12NeverSelectsTheCreateEvent() {
        assertThat(AuthEventSelection.keys(RoomVersions.V12, "m.room.message", ALICE, null, obj()))
                .containsExactly(StateKey.POWER_LEVELS_KEY, StateKey.member(ALICE));
    }

    @Test
    void theCreateEventSelectsNothing() {
        assertThat(AuthEventSelection.keys(RoomVersions.V1, "m.room.create", ALICE, "", obj())).isEmpty();
    }

    @Test
    void anInviteSelectsTargetJoinRulesAndTheThirdPartyInviteOfItsToken() {
        ObjectNode content = obj().put("membership", "invite");
        content.putObject("third_party_invite").putObject("signed").put("token", "abc");
        assertThat(AuthEventSelection.keys(RoomVersions.V10, "m.room.member", ALICE, "@bob:b.test", content))
                .containsExactly(StateKey.CREATE_KEY, StateKey.POWER_LEVELS_KEY, StateKey.member(ALICE),
                        StateKey.member("@bob:b.test"), StateKey.JOIN_RULES_KEY, StateKey.thirdPartyInvite("abc"));
    }

    @Test
    void aLeaveSelectsNoJoinRules() {
        assertThat(AuthEventSelection.keys(RoomVersions.V10, "m.room.member", ALICE, "@bob:b.test",
                obj().put("membership", "leave")))
                .containsExactly(StateKey.CREATE_KEY, StateKey.POWER_LEVELS_KEY, StateKey.member(ALICE),
                        StateKey.member("@bob:b.test"));
    }

    @Test
    void aRestrictedJoinSelectsTheAuthorisingMembershipFromV8() {
        ObjectNode content = obj().put("membership", "join").put("join_authorised_via_users_server", "@carol:c.test");
        assertThat(AuthEventSelection.keys(RoomVersions.V8, "m.room.member", ALICE, ALICE.value(), content))
                .containsExactly(StateKey.CREATE_KEY, StateKey.POWER_LEVELS_KEY, StateKey.member(ALICE),
                        StateKey.JOIN_RULES_KEY, StateKey.member("@carol:c.test"));
        assertThat(AuthEventSelection.keys(RoomVersions.V7, "m.room.member", ALICE, ALICE.value(), content))
                .containsExactly(StateKey.CREATE_KEY, StateKey.POWER_LEVELS_KEY, StateKey.member(ALICE),
                        StateKey.JOIN_RULES_KEY);
    }

    private static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }
}
