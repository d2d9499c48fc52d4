package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.store.UserPushRules;
import dev.parley.store.UserPushRules.DefaultOverride;
import dev.parley.store.UserPushRules.Rule;
import dev.parley.testing.DialectDatabaseTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushRuleStoreContractTest extends DialectDatabaseTest {
    private AccountDataStream stream;
    private JdbcPushRuleStore pushRules;
    private final UserId alice = UserId.parse("@alice:example.org");
    private final UserId bob = UserId.parse("@bob:example.org");

    @BeforeEach
    void open() {
        stream = new AccountDataStream(db);
        pushRules = new JdbcPushRuleStore(db, stream);
        createUsers(alice, bob);
    }

    @Test
    void usersStartWithNoChanges() {
        assertThat(pushRules.load(alice)).isEqualTo(UserPushRules.NONE);
        assertThat(pushRules.position(alice)).isZero();
    }

    @Test
    void rulesKeepTheirOrderWithinAKindAndOverridesKeepTheirEmptyParts() {
        Rule cake = new Rule("content", "cake", Optional.empty(), Optional.of("cake*lie"), json("[\"notify\"]"), true);
        Rule tea = new Rule("content", "tea", Optional.empty(), Optional.of("tea"), json("[]"), false);
        Rule beer = new Rule("override", "beer",
                Optional.of(json("[{\"kind\":\"event_match\",\"key\":\"content.body\",\"pattern\":\"beer\"}]")),
                Optional.empty(), json("[\"notify\",{\"set_tweak\":\"sound\",\"value\":\"beer.wav\"}]"), true);
        DefaultOverride master = new DefaultOverride("override", ".m.rule.master", Optional.of(true), Optional.empty());
        DefaultOverride message = new DefaultOverride("underride", ".m.rule.message", Optional.empty(),
                Optional.of(json("[]")));

        UserPushRules written = new UserPushRules(List.of(tea, beer, cake), List.of(master, message));
        assertThat(pushRules.modify(alice, current -> written)).isEqualTo(written);

        UserPushRules loaded = pushRules.load(alice);
        assertThat(loaded.rules().stream().filter(r -> r.kind().equals("content")).toList()).containsExactly(tea, cake);
        assertThat(loaded.rules()).containsExactlyInAnyOrder(tea, beer, cake);
        assertThat(loaded.overrides()).containsExactlyInAnyOrder(master, message);
        assertThat(pushRules.load(bob)).isEqualTo(UserPushRules.NONE);
    }

    @Test
    void modifySeesTheCurrentChangesAndReplacesThem() {
        Rule a = new Rule("room", "!a:example.org", Optional.empty(), Optional.empty(), json("[]"), true);
        Rule b = new Rule("room", "!b:example.org", Optional.empty(), Optional.empty(), json("[]"), true);
        pushRules.modify(alice, current -> new UserPushRules(List.of(a, b), List.of()));
        pushRules.modify(alice, current -> {
            assertThat(current.rules()).containsExactly(a, b);
            return new UserPushRules(List.of(b), List.of());
        });
        assertThat(pushRules.load(alice).rules()).containsExactly(b);
    }

    @Test
    void everyChangeTakesAPositionOnTheAccountDataStream() {
        JdbcAccountDataStore accountData = new JdbcAccountDataStore(db, stream);
        accountData.put(alice, Optional.empty(), "org.example", Json.MAPPER.createObjectNode());
        pushRules.modify(alice, current -> current);
        assertThat(pushRules.position(alice)).isEqualTo(2);
        assertThat(accountData.put(alice, Optional.empty(), "org.example", Json.MAPPER.createObjectNode())).isEqualTo(3);
        pushRules.modify(alice, current -> current);
        assertThat(pushRules.position(alice)).isEqualTo(4);
        assertThat(accountData.position(alice)).isEqualTo(4);
        assertThat(pushRules.position(bob)).isZero();
    }

    @Test
    void aRefusedChangeWritesNothing() {
        Rule a = new Rule("sender", "@spam:example.org", Optional.empty(), Optional.empty(), json("[]"), true);
        pushRules.modify(alice, current -> new UserPushRules(List.of(a), List.of()));
        assertThatThrownBy(() -> pushRules.modify(alice, current -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(pushRules.load(alice).rules()).containsExactly(a);
        assertThat(pushRules.position(alice)).isEqualTo(1);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

}
