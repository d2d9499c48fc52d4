package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.id.UserId;
import dev.parley.store.AccessTokenRow;
import dev.parley.store.DeviceRow;
import dev.parley.store.RefreshTokenRow;
import dev.parley.store.StoreException;
import dev.parley.testing.DialectDatabaseTest;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTokenStoreContractTest extends DialectDatabaseTest {
    private JdbcAccessTokenStore tokens;
    private final UserId alice = UserId.parse("@alice:example.org");
    private final UserId bob = UserId.parse("@bob:example.org");

    @BeforeEach
    void open() {
        tokens = new JdbcAccessTokenStore(db);
        createUsers(alice, bob);
        JdbcDeviceStore devices = new JdbcDeviceStore(db);
        for (String device : new String[] {"DEVICE", "D2"}) {
            devices.create(DeviceRow.create(alice, device, Optional.empty(), 1L));
        }
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

    @Test
    void aTokenForAnUnknownDeviceIsRefused() {
        assertThatThrownBy(() -> tokens.create(new AccessTokenRow("x", alice, Optional.of("NOPE"), 1L, Optional.empty())))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void deletingADeviceDeletesItsTokens() {
        tokens.create(new AccessTokenRow("a1", alice, Optional.of("DEVICE"), 1L, Optional.empty()));
        tokens.createRefresh(new RefreshTokenRow("r1", alice, "DEVICE", 1L, Optional.empty()));
        tokens.create(new AccessTokenRow("a2", alice, Optional.of("D2"), 1L, Optional.empty()));
        new JdbcDeviceStore(db).delete(alice, java.util.List.of("DEVICE"));
        assertThat(tokens.find("a1")).isEmpty();
        assertThat(tokens.findRefresh("r1")).isEmpty();
        assertThat(tokens.find("a2")).isPresent();
    }

    @Test
    void rotatingARefreshTokenReplacesItsAccessTokensAndRevokesTheOneBefore() {
        tokens.createRefresh(new RefreshTokenRow("r1", alice, "DEVICE", 1L, Optional.empty()));
        tokens.create(new AccessTokenRow("a1", alice, Optional.of("DEVICE"), 1L, Optional.of(100L), Optional.of("r1")));
        RefreshTokenRow r1 = tokens.findRefresh("r1").orElseThrow();
        RefreshTokenRow r2 = new RefreshTokenRow("r2", alice, "DEVICE", 2L, Optional.of("r1"));
        tokens.rotate(r1, r2, new AccessTokenRow("a2", alice, Optional.of("DEVICE"), 2L, Optional.of(200L), Optional.of("r2")));
        assertThat(tokens.find("a1")).isEmpty();
        assertThat(tokens.find("a2").orElseThrow().refreshTokenHash()).contains("r2");
        // r1 stays usable until the new pair is used...
        assertThat(tokens.findRefresh("r1")).isPresent();
        tokens.revokePrevious("r2");
        // ...then it is gone, and r2 no longer points at it.
        assertThat(tokens.findRefresh("r1")).isEmpty();
        assertThat(tokens.findRefresh("r2").orElseThrow().previousTokenHash()).isEmpty();
    }
}
