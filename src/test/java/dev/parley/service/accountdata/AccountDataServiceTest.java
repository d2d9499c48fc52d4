package dev.parley.service.accountdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.api.client.SetPushRule;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.push.PushRuleKind;
import dev.parley.service.push.PushRuleService;
import dev.parley.store.AccountDataRow;
import dev.parley.store.UserRow;
import dev.parley.store.jdbc.AccountDataStream;
import dev.parley.store.jdbc.Database;
import dev.parley.store.jdbc.Dialect;
import dev.parley.store.jdbc.JdbcAccountDataStore;
import dev.parley.store.jdbc.JdbcPushRuleStore;
import dev.parley.store.jdbc.JdbcUserStore;
import dev.parley.testing.TestDatabases;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account data stream as {@code /sync} will read it, push rule changes included. */
class AccountDataServiceTest {
    private Database db;
    private AccountDataService accountData;
    private PushRuleService pushRules;
    private final UserId alice = UserId.parse("@alice:test.local");

    @BeforeEach
    void open() {
        db = TestDatabases.open(Dialect.SQLITE);
        new JdbcUserStore(db).create(new UserRow(alice, Optional.empty(), false, false, false, 1L));
        AccountDataStream stream = new AccountDataStream(db);
        pushRules = new PushRuleService(new JdbcPushRuleStore(db, stream));
        accountData = new AccountDataService(new JdbcAccountDataStore(db, stream), List.of(new ManagedAccountData(
                PushRuleService.ACCOUNT_DATA_TYPE, pushRules::accountDataContent, pushRules::position)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void changesSinceInterleavesAccountDataAndPushRuleChangesInStreamOrder() {
        Optional<RoomId> room = Optional.of(RoomId.parse("!r:test.local"));
        accountData.put(alice, alice, Optional.empty(), "org.example.a", Json.MAPPER.createObjectNode());
        pushRules.put(alice, PushRuleKind.CONTENT, "cake",
                new SetPushRule.Request(List.of(Json.MAPPER.getNodeFactory().textNode("notify")), null, "cake"),
                Optional.empty(), Optional.empty());
        accountData.put(alice, alice, room, "org.example.b", Json.MAPPER.createObjectNode());

        assertThat(accountData.position(alice)).isEqualTo(3);
        List<AccountDataRow> all = accountData.changesSince(alice, 0);
        assertThat(all).extracting(AccountDataRow::type).containsExactly("org.example.a", "m.push_rules", "org.example.b");
        assertThat(all).extracting(AccountDataRow::position).containsExactly(1L, 2L, 3L);
        AccountDataRow rules = all.get(1);
        assertThat(rules.room()).isEmpty();
        assertThat(rules.content().path("global").path("content").get(0).path("rule_id").asText()).isEqualTo("cake");

        assertThat(accountData.changesSince(alice, 2)).extracting(AccountDataRow::type).containsExactly("org.example.b");
        assertThat(accountData.changesSince(alice, 3)).isEmpty();
    }
}
