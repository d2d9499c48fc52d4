package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.testing.DialectDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FilterStoreContractTest extends DialectDatabaseTest {
    private JdbcFilterStore filters;
    private final UserId alice = UserId.parse("@alice:example.org");
    private final UserId bob = UserId.parse("@bob:example.org");

    @BeforeEach
    void open() {
        filters = new JdbcFilterStore(db);
        createUsers(alice, bob);
    }

    @Test
    void idsCountUpPerUserAndFiltersRoundTrip() {
        ObjectNode first = json("{\"room\":{\"timeline\":{\"limit\":10}}}");
        ObjectNode second = json("{\"presence\":{\"types\":[]}}");
        assertThat(filters.add(alice, first)).isZero();
        assertThat(filters.add(alice, second)).isEqualTo(1);
        assertThat(filters.add(bob, second)).isZero();

        assertThat(filters.find(alice, 0)).contains(first);
        assertThat(filters.find(alice, 1)).contains(second);
        assertThat(filters.find(bob, 0)).contains(second);
        assertThat(filters.find(bob, 1)).isEmpty();
    }

    @Test
    void anEqualFilterGetsTheExistingIdWhateverItsKeyOrder() {
        assertThat(filters.add(alice, json("{\"a\":1,\"b\":{\"c\":[1,2]}}"))).isZero();
        assertThat(filters.add(alice, json("{\"b\":{\"c\":[1,2]},\"a\":1}"))).isZero();
        assertThat(filters.add(alice, json("{\"b\":{\"c\":[2,1]},\"a\":1}"))).isEqualTo(1);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
