package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.core.id.UserId;
import dev.parley.store.UserDirectoryStore.Entry;
import dev.parley.store.UserRow;
import dev.parley.testing.DialectDatabaseTest;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserDirectoryStoreContractTest extends DialectDatabaseTest {
    private JdbcUserStore users;
    private JdbcProfileStore profiles;
    private JdbcUserDirectoryStore directory;

    @BeforeEach
    void open() {
        users = new JdbcUserStore(db);
        profiles = new JdbcProfileStore(db);
        directory = new JdbcUserDirectoryStore(db);
    }

    @Test
    void matchesUserIdsAndDisplayNamesCaseInsensitively() {
        UserId elise = user("elise", false, false);
        profiles.set(elise, "displayname", TextNode.valueOf("Élise Ünal"), p -> true);
        profiles.set(elise, "avatar_url", TextNode.valueOf("mxc://example.org/elise"), p -> true);
        UserId bob = user("bob", false, false);

        assertThat(directory.search("élise ü", 10)).containsExactly(
                new Entry(elise, Optional.of("Élise Ünal"), Optional.of("mxc://example.org/elise")));
        assertThat(directory.search("ünal", 10)).extracting(Entry::userId).containsExactly(elise);
        assertThat(directory.search("bob", 10)).containsExactly(new Entry(bob, Optional.empty(), Optional.empty()));
        // Neither matches at the start; the one with a display name ranks first.
        assertThat(directory.search("example.org", 10)).extracting(Entry::userId).containsExactly(elise, bob);
        assertThat(directory.search("nobody", 10)).isEmpty();
    }

    @Test
    void leavesOutDeactivatedAndGuestAccounts() {
        user("active", false, false);
        user("gone", true, false);
        user("visitor", false, true);
        assertThat(directory.search("", 10)).extracting(e -> e.userId().localpart()).containsExactly("active");
    }

    @Test
    void ranksPrefixMatchesFirstThenUsersWithADisplayNameAndHonoursTheLimit() {
        UserId plain = user("annie", false, false);
        UserId named = user("zed", false, false);
        profiles.set(named, "displayname", TextNode.valueOf("Hannah"), p -> true);
        UserId prefix = user("xavier", false, false);
        profiles.set(prefix, "displayname", TextNode.valueOf("Anna"), p -> true);

        assertThat(directory.search("ann", 10)).extracting(Entry::userId).containsExactly(prefix, plain, named);
        assertThat(directory.search("ann", 2)).extracting(Entry::userId).containsExactly(prefix, plain);
        assertThat(directory.search("nna", 10)).extracting(Entry::userId).containsExactly(prefix, named);
    }

    @Test
    void likeWildcardsInTheTermAreLiteralAndNonStringNamesAreNotNames() {
        user("under_score", false, false);
        UserId odd = user("odd", false, false);
        user("underxscore", false, false);
        profiles.set(odd, "displayname", IntNode.valueOf(42), p -> true);
        assertThat(directory.search("under_", 10)).extracting(e -> e.userId().localpart()).containsExactly("under_score");
        assertThat(directory.search("%", 10)).isEmpty();
        assertThat(directory.search("odd", 10)).containsExactly(new Entry(odd, Optional.empty(), Optional.empty()));
    }

    private UserId user(String localpart, boolean deactivated, boolean guest) {
        UserId id = UserId.parse("@" + localpart + ":example.org");
        users.create(new UserRow(id, Optional.empty(), false, guest, deactivated, 1L));
        return id;
    }
}
