package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.id.UserId;
import dev.parley.store.AccessTokenRow;
import dev.parley.store.StoreException;
import dev.parley.store.UserRow;
import dev.parley.testing.TestDatabases;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class AccessTokenStoreContractTest {
    @Parameter
    Dialect dialect;

    private Database db;
    private JdbcAccessTokenStore tokens;
    private final UserId alice = UserId.parse("@alice:example.org");
    private final UserId bob = UserId.parse("@bob:example.org");

    @BeforeEach
    void open() {
        db = TestDatabases.open(dialect);
        tokens = new JdbcAccessTokenStore(db);
        JdbcUserStore users = new JdbcUserStore(db);
        users.create(new UserRow(alice, Optional.empty(), false, false, false, 1L));
        users.create(new UserRow(bob, Optional.empty(), false, false, false, 1L));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void storesAndFindsTokensByHash() {
        AccessTokenRow row = new AccessTokenRow("hash-1", alice, Optional.of("DEVICE"), 10L, Optional.of(99L));
        tokens.create(row);
        assertThat(tokens.find("hash-1")).contains(row);
        assertThat(tokens.find("hash-2")).isEmpty();
    }

    @Test
    void deletesOneTokenOrAllOfAUsersTokens() {
        tokens.create(new AccessTokenRow("a1", alice, Optional.empty(), 1L, Optional.empty()));
        tokens.create(new AccessTokenRow("a2", alice, Optional.of("D2"), 1L, Optional.empty()));
        tokens.create(new AccessTokenRow("b1", bob, Optional.empty(), 1L, Optional.empty()));
        assertThat(tokens.delete("a1")).isTrue();
        assertThat(tokens.delete("a1")).isFalse();
        assertThat(tokens.deleteAllFor(alice)).isEqualTo(1);
        assertThat(tokens.find("a2")).isEmpty();
        assertThat(tokens.find("b1")).isPresent();
    }

    @Test
    void aTokenForAnUnknownUserIsRefusedWithoutWritingAnything() {
        UserId ghost = UserId.parse("@ghost:example.org");
        assertThatThrownBy(() -> tokens.create(new AccessTokenRow("g1", ghost, Optional.empty(), 1L, Optional.empty())))
                .isInstanceOf(StoreException.class);
        assertThat(tokens.find("g1")).isEmpty();
    }

    @Test
    void aDuplicateHashIsRefusedAndTheFirstTokenKept() {
        tokens.create(new AccessTokenRow("same", alice, Optional.empty(), 1L, Optional.empty()));
        assertThatThrownBy(() -> tokens.create(new AccessTokenRow("same", bob, Optional.empty(), 2L, Optional.empty())))
                .isInstanceOf(StoreException.class);
        assertThat(tokens.find("same").orElseThrow().userId()).isEqualTo(alice);
    }
}
