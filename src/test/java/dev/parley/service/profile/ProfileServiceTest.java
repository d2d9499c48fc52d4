package dev.parley.service.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.store.UserRow;
import dev.parley.store.jdbc.Database;
import dev.parley.store.jdbc.Dialect;
import dev.parley.store.jdbc.JdbcProfileStore;
import dev.parley.store.jdbc.JdbcUserStore;
import dev.parley.testing.TestDatabases;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the HTTP tests cannot reach yet: erasure (account deactivation will call it), deactivated accounts, capabilities. */
class ProfileServiceTest {
    private Database db;
    private JdbcUserStore users;
    private ProfileService profiles;
    private final UserId alice = UserId.parse("@alice:test.local");

    @BeforeEach
    void open() {
        db = TestDatabases.open(Dialect.SQLITE);
        users = new JdbcUserStore(db);
        users.create(new UserRow(alice, Optional.empty(), false, false, false, 1L));
        profiles = new ProfileService(new JdbcProfileStore(db), users, ServerName.parse("test.local"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void eraseForgetsEveryField() throws Exception {
        profiles.set(alice, false, alice, "displayname", (ObjectNode)
                Json.MAPPER.readTree("{\"displayname\":\"Alice\"}"));
        profiles.set(alice, false, alice, "org.example.pet", (ObjectNode)
                Json.MAPPER.readTree("{\"org.example.pet\":\"cat\"}"));
        profiles.erase(alice);
        assertThat(profiles.profile(alice)).isEmpty();
    }

    @Test
    void deactivatedAccountsHaveNoProfile() {
        UserId gone = UserId.parse("@gone:test.local");
        users.create(new UserRow(gone, Optional.empty(), false, false, true, 1L));
        assertThatThrownBy(() -> profiles.profile(gone)).isInstanceOfSatisfying(MatrixException.class,
                e -> assertThat(e.errCode()).isEqualTo(ErrCode.NOT_FOUND));
    }

    @Test
    void capabilitiesLetUsersChangeEveryFieldAndKeepTheDeprecatedOnesConsistent() {
        assertThat(profiles.capabilities().entries()).containsExactly(
                Map.entry("m.profile_fields", Map.of("enabled", true)),
                Map.entry("m.set_displayname", Map.of("enabled", true)),
                Map.entry("m.set_avatar_url", Map.of("enabled", true)));
    }
}
