package dev.parley.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PowerLevelsTest {
    private static final String ALICE = "@alice:a.test";
    private static final String BOB = "@bob:b.test";
    private static final Creators ALICE_CREATED = new Creators(Set.of(ALICE), false);

    @Test
    void withoutAnEventTheCreatorHas100AndTheDefaultsApply() {
        PowerLevels levels = PowerLevels.of(null, ALICE_CREATED, RoomVersions.V11);
        assertThat(levels.hasEvent()).isFalse();
        assertThat(levels.userLevel(ALICE)).isEqualTo(100);
        assertThat(levels.userLevel(BOB)).isZero();
        assertThat(levels.requiredLevel("m.room.topic", true)).isEqualTo(50);
        assertThat(levels.requiredLevel("m.room.message", false)).isZero();
        assertThat(levels.ban()).isEqualTo(50);
        assertThat(levels.kick()).isEqualTo(50);
        assertThat(levels.redact()).isEqualTo(50);
        assertThat(levels.invite()).isZero();
        assertThat(levels.notificationLevel("room")).isEqualTo(50);
    }

    @Test
    void explicitValuesOverrideDefaultsAndEventsOverrideTheDefaultLevels() {
        ObjectNode content = obj();
        content.putObject("users").put(BOB, 42);
        content.putObject("events").put("m.room.topic", 10).put("m.reaction", 5);
        content.put("users_default", 3).put("state_default", 60).put("events_default", 7).put("ban", 80)
                .put("kick", 70).put("redact", 20).put("invite", 1);
        content.putObject("notifications").put("room", 99);
        PowerLevels levels = PowerLevels.fromContent(content, ALICE_CREATED, RoomVersions.V10);
        assertThat(levels.userLevel(BOB)).isEqualTo(42);
        assertThat(levels.userLevel(ALICE)).as("a PL event without the creator gives users_default").isEqualTo(3);
        assertThat(levels.requiredLevel("m.room.topic", true)).isEqualTo(10);
        assertThat(levels.requiredLevel("m.reaction", false)).isEqualTo(5);
        assertThat(levels.requiredLevel("m.room.name", true)).isEqualTo(60);
        assertThat(levels.requiredLevel("m.room.message", false)).isEqualTo(7);
        assertThat(new long[]{levels.ban(), levels.kick(), levels.redact(), levels.invite()}).containsExactly(80, 70, 20, 1);
        assertThat(levels.notificationLevel("room")).isEqualTo(99);
    }

    @Test
    void stringValuesCountBeforeV10Only() {
        ObjectNode content = obj();
        content.putObject("users").put(BOB, " +0050 ").put(ALICE, "-7");
        content.put("ban", "12.5").put("kick", "0x10").put("invite", "\t3\n");
        PowerLevels v9 = PowerLevels.fromContent(content, ALICE_CREATED, RoomVersions.V9);
        assertThat(v9.userLevel(BOB)).isEqualTo(50);
        assertThat(v9.userLevel(ALICE)).isEqualTo(-7);
        assertThat(v9.ban()).as("not an integer string: default").isEqualTo(50);
        assertThat(v9.kick()).as("not base 10: default").isEqualTo(50);
        assertThat(v9.invite()).isEqualTo(3);

        PowerLevels v10 = PowerLevels.fromContent(content, ALICE_CREATED, RoomVersions.V10);
        assertThat(v10.userLevel(BOB)).isZero();
        assertThat(v10.invite()).isZero();
    }

    @Test
    void floatValuesAreTruncatedBeforeV6Only() {
        ObjectNode content = obj();
        content.putObject("users").put(BOB, new BigDecimal("50.57")).put(ALICE, new BigDecimal("5.114698E4"));
        content.put("ban", new BigDecimal("-1.9"));
        PowerLevels v5 = PowerLevels.fromContent(content, ALICE_CREATED, RoomVersions.V5);
        assertThat(v5.userLevel(BOB)).isEqualTo(50);
        assertThat(v5.userLevel(ALICE)).isEqualTo(51146);
        assertThat(v5.ban()).isEqualTo(-1);

        PowerLevels v6 = PowerLevels.fromContent(content, ALICE_CREATED, RoomVersions.V6);
        assertThat(v6.userLevel(BOB)).isZero();
        assertThat(v6.ban()).isEqualTo(50);
    }

    @Test
    void v12CreatorsHaveInfinitePowerWithOrWithoutAnEvent() {
        Creators creators = new Creators(Set.of(ALICE, BOB), true);
        assertThat(PowerLevels.of(null, creators, RoomVersions.V12).userLevel(BOB)).isEqualTo(PowerLevels.INFINITE);
        ObjectNode content = obj();
        content.putObject("users").put("@carol:c.test", 100);
        PowerLevels levels = PowerLevels.fromContent(content, creators, RoomVersions.V12);
        assertThat(levels.userLevel(ALICE)).isEqualTo(PowerLevels.INFINITE);
        assertThat(levels.userLevel(BOB)).isGreaterThan(levels.userLevel("@carol:c.test"));
        assertThat(levels.userLevel("@dave:d.test")).isZero();
    }

    private static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }
}
