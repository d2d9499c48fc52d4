package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.id.UserId;
import dev.parley.testing.DialectDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcOpenIdTokenStore}: tokens answer until they expire, and expired ones are swept. */
class OpenIdTokenStoreContractTest extends DialectDatabaseTest {
    private static final UserId ALICE = UserId.parse("@alice:test.local");
    private static final UserId BOB = UserId.parse("@bob:test.local");
    private JdbcOpenIdTokenStore store;

    @BeforeEach
    void setUp() {
        store = new JdbcOpenIdTokenStore(db);
    }

    @Test
    void aTokenNamesItsOwnerUntilItExpires() {
        store.add("hash-a", ALICE, 1_000);
        store.add("hash-b", BOB, 5_000);
        assertThat(store.owner("hash-a", 999)).contains(ALICE);
        assertThat(store.owner("hash-a", 1_000)).isEmpty();
        assertThat(store.owner("hash-b", 1_000)).contains(BOB);
        assertThat(store.owner("unknown", 0)).isEmpty();
    }

    @Test
    void expiredTokensAreDeletedAndOthersKept() {
        store.add("old", ALICE, 1_000);
        store.add("new", ALICE, 5_000);
        store.deleteExpired(2_000);
        assertThat(store.owner("old", 0)).isEmpty();
        assertThat(store.owner("new", 0)).contains(ALICE);
    }
}
