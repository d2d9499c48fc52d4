package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.id.UserId;
import dev.parley.store.ModeratedUserRow;
import dev.parley.store.UserRow;
import dev.parley.testing.DialectDatabaseTest;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserStoreContractTest extends DialectDatabaseTest {
    private JdbcUserStore users;
    private final UserId alice = UserId.parse("@alice:example.org");

    @BeforeEach
    void open() {
        users = new JdbcUserStore(db);
    }

    @Test
    void createsAndFindsAUser() {
        UserRow row = new UserRow(alice, Optional.of("$2b$12$hash"), false, false, false, 1_700_000_000_000L);
        assertThat(users.create(row)).isTrue();
        assertThat(users.find(alice)).contains(row);
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void aTakenUserIdIsRefusedAndTheFirstAccountKept() {
        users.create(new UserRow(alice, Optional.of("first"), false, false, false, 1L));
        assertThat(users.create(new UserRow(alice, Optional.of("second"), true, false, false, 2L))).isFalse();
        assertThat(users.find(alice).orElseThrow().passwordHash()).contains("first");
        assertThat(users.find(alice).orElseThrow().admin()).isFalse();
    }

    @Test
    void unknownUsersAreEmpty() {
        assertThat(users.find(UserId.parse("@nobody:example.org"))).isEmpty();
        assertThat(users.setAdmin(UserId.parse("@nobody:example.org"), true)).isFalse();
    }

    @Test
    void accountsWithoutPasswordsAndAdminFlagRoundTrip() {
        users.create(new UserRow(alice, Optional.empty(), false, true, false, 5L));
        assertThat(users.setAdmin(alice, true)).isTrue();
        UserRow found = users.find(alice).orElseThrow();
        assertThat(found.passwordHash()).isEmpty();
        assertThat(found.admin()).isTrue();
        assertThat(found.guest()).isTrue();
    }

    @Test
    void changesPasswordsAndDeactivatesWithDevicesAndTokensGone() {
        users.create(new UserRow(alice, Optional.of("old"), false, false, false, 1L));
        assertThat(users.setPasswordHash(alice, Optional.of("new"))).isTrue();
        assertThat(users.find(alice).orElseThrow().passwordHash()).contains("new");
        new JdbcDeviceStore(db).create(dev.parley.store.DeviceRow.create(alice, "D", Optional.empty(), 1L));
        new JdbcAccessTokenStore(db).create(new dev.parley.store.AccessTokenRow("t", alice, Optional.of("D"), 1L, Optional.empty()));
        users.deactivate(alice);
        assertThat(users.find(alice).orElseThrow().deactivated()).isTrue();
        assertThat(new JdbcDeviceStore(db).list(alice)).isEmpty();
        assertThat(new JdbcAccessTokenStore(db).find("t")).isEmpty();
        assertThat(users.create(new UserRow(alice, Optional.empty(), false, false, false, 2L))).isFalse();
    }

    @Test
    void locksAndSuspensionsRoundTripAndOnlyModeratedAccountsAreListed() {
        UserId bob = UserId.parse("@bob:example.org");
        UserId carol = UserId.parse("@carol:example.org");
        for (UserId user : java.util.List.of(alice, bob, carol)) {
            users.create(new UserRow(user, Optional.empty(), false, false, false, 1L));
        }
        assertThat(users.moderated()).isEmpty();
        assertThat(users.setLocked(alice, true)).isTrue();
        assertThat(users.setSuspended(bob, true)).isTrue();
        assertThat(users.setSuspended(alice, true)).isTrue();
        assertThat(users.moderated()).containsExactlyInAnyOrder(new ModeratedUserRow(alice, true, true),
                new ModeratedUserRow(bob, false, true));
        assertThat(users.setLocked(alice, false)).isTrue();
        assertThat(users.setSuspended(alice, false)).isTrue();
        assertThat(users.moderated()).containsExactly(new ModeratedUserRow(bob, false, true));
        assertThat(users.setLocked(UserId.parse("@nobody:example.org"), true)).isFalse();
        assertThat(users.setSuspended(UserId.parse("@nobody:example.org"), true)).isFalse();
    }
}
