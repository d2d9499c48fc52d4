package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.testing.DialectDatabaseTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfileStoreContractTest extends DialectDatabaseTest {
    private JdbcProfileStore profiles;
    private final UserId alice = UserId.parse("@alice:example.org");
    private final UserId bob = UserId.parse("@bob:example.org");

    @BeforeEach
    void open() {
        profiles = new JdbcProfileStore(db);
        createUsers(alice, bob);
    }

    @Test
    void fieldsOfAnyJsonTypeRoundTripPerUser() throws Exception {
        JsonNode custom = Json.MAPPER.readTree("{\"title\":\"Engineer\",\"n\":[1,2.5,true,null]}");
        assertThat(profiles.set(alice, "displayname", TextNode.valueOf("Alice"), p -> true)).isTrue();
        assertThat(profiles.set(alice, "org.example.job", custom, p -> true)).isTrue();
        assertThat(profiles.set(alice, "org.example.nothing", NullNode.getInstance(), p -> true)).isTrue();

        assertThat(profiles.field(alice, "displayname")).contains(TextNode.valueOf("Alice"));
        assertThat(profiles.field(alice, "org.example.job")).contains(custom);
        assertThat(profiles.profile(alice)).containsOnlyKeys("displayname", "org.example.job", "org.example.nothing");
        assertThat(profiles.profile(alice).get("org.example.nothing").isNull()).isTrue();
        assertThat(profiles.profile(bob)).isEmpty();
        assertThat(profiles.field(bob, "displayname")).isEmpty();
    }

    @Test
    void settingAFieldAgainReplacesIt() {
        profiles.set(alice, "displayname", TextNode.valueOf("Alice"), p -> true);
        profiles.set(alice, "displayname", TextNode.valueOf("Alice L."), p -> true);
        assertThat(profiles.profile(alice)).isEqualTo(Map.of("displayname", TextNode.valueOf("Alice L.")));
    }

    @Test
    void theCheckSeesTheProfileAsItWouldBeAndARefusalWritesNothing() {
        profiles.set(alice, "displayname", TextNode.valueOf("Alice"), p -> true);
        Map<String, JsonNode>[] seen = new Map[1];
        boolean written = profiles.set(alice, "avatar_url", TextNode.valueOf("mxc://example.org/abc"), p -> {
            seen[0] = Map.copyOf(p);
            return false;
        });
        assertThat(written).isFalse();
        assertThat(seen[0]).containsOnlyKeys("displayname", "avatar_url");
        assertThat(profiles.profile(alice)).containsOnlyKeys("displayname");
    }

    @Test
    void deletesOneFieldOrAll() {
        profiles.set(alice, "displayname", TextNode.valueOf("Alice"), p -> true);
        profiles.set(alice, "avatar_url", TextNode.valueOf("mxc://example.org/abc"), p -> true);
        profiles.set(bob, "displayname", TextNode.valueOf("Bob"), p -> true);

        assertThat(profiles.delete(alice, "avatar_url")).isTrue();
        assertThat(profiles.delete(alice, "avatar_url")).isFalse();
        assertThat(profiles.profile(alice)).containsOnlyKeys("displayname");

        profiles.deleteAll(alice);
        assertThat(profiles.profile(alice)).isEmpty();
        assertThat(profiles.profile(bob)).containsOnlyKeys("displayname");
    }
}
