package dev.parley.service.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import org.junit.jupiter.api.Test;

/** The {@code required_state} patterns of MSC4186, in both request shapes. */
class RequiredStateTest {
    private final UserId me = UserId.parse("@me:test.local");
    private final StateKey create = new StateKey("m.room.create", "");
    private final StateKey myMember = StateKey.member(me);
    private final StateKey otherMember = StateKey.member("@other:test.local");

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void pairsWithWildcardsMeAndLazy() {
        RequiredState state = RequiredState.parse(json("[[\"m.room.create\",\"\"],[\"m.room.member\",\"$ME\"],"
                + "[\"m.room.member\",\"$LAZY\"]]"));
        assertThat(state.wants(create, me)).isTrue();
        assertThat(state.wants(myMember, me)).isTrue();
        assertThat(state.wants(otherMember, me)).isFalse();
        assertThat(state.lazyMembers()).isTrue();

        RequiredState all = RequiredState.parse(json("[[\"*\",\"*\"]]"));
        assertThat(all.wants(otherMember, me)).isTrue();
        assertThat(all.lazyMembers()).isFalse();
        RequiredState anyMember = RequiredState.parse(json("[[\"m.room.member\",\"*\"]]"));
        assertThat(anyMember.wants(otherMember, me)).isTrue();
        assertThat(anyMember.wants(create, me)).isFalse();
        RequiredState emptyKeyOfAnyType = RequiredState.parse(json("[[\"*\",\"\"]]"));
        assertThat(emptyKeyOfAnyType.wants(create, me)).isTrue();
        assertThat(emptyKeyOfAnyType.wants(myMember, me)).isFalse();
    }

    @Test
    void objectFormWithIncludeExcludeAndLazyMembers() {
        RequiredState state = RequiredState.parse(json("{\"include\":[{}],\"exclude\":[{\"type\":\"m.room.create\","
                + "\"state_key\":\"\"}],\"lazy_members\":true}"));
        assertThat(state.wants(create, me)).isFalse();
        assertThat(state.wants(otherMember, me)).isTrue();
        assertThat(state.lazyMembers()).isTrue();
    }

    @Test
    void unionIsASupersetAndCoverageTellsExpansion() {
        RequiredState creates = RequiredState.parse(json("[[\"m.room.create\",\"\"]]"));
        RequiredState members = RequiredState.parse(json("[[\"m.room.member\",\"$LAZY\"]]"));
        RequiredState both = creates.union(members);
        assertThat(both.wants(create, me)).isTrue();
        assertThat(both.lazyMembers()).isTrue();
        assertThat(creates.coveredBy(both)).isTrue();
        assertThat(both.coveredBy(creates)).isFalse();
        assertThat(RequiredState.NONE.coveredBy(creates)).isTrue();
    }

    @Test
    void malformedPatternsAreBadJson() {
        for (String bad : new String[] {"[[\"m.room.create\"]]", "[\"m.room.create\"]", "[[1,2]]", "\"all\"",
                "{\"include\":{}}"}) {
            assertThatThrownBy(() -> RequiredState.parse(json(bad))).as(bad).isInstanceOf(MatrixException.class);
        }
    }
}
