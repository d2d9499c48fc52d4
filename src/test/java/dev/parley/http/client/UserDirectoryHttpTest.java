package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.json.Json;
import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.UserClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /_matrix/client/v3/user_directory/search} through a real server. */
class UserDirectoryHttpTest {
    private static final String SEARCH = "/v3/user_directory/search";
    private static TestServer server;
    private static UserClient searcher;

    @BeforeAll
    static void start() {
        server = TestServer.start(Dialect.SQLITE, yaml -> yaml.withObject("rate_limits").put("enabled", false));
        searcher = UserClient.register(server, "searcher");
        for (int i = 0; i < 12; i++) {
            UserClient.register(server, "member" + (i < 10 ? "0" : "") + i);
        }
        UserClient tom = UserClient.register(server, "tom");
        tom.put("/v3/profile/" + tom.pathId() + "/displayname", "{\"displayname\":\"Thomas Anderson\"}");
        tom.put("/v3/profile/" + tom.pathId() + "/avatar_url", "{\"avatar_url\":\"mxc://test.local/neo\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void findsUsersByDisplayNameCaseInsensitivelyWithTheirProfile() throws Exception {
        Reply r = searcher.post(SEARCH, "{\"search_term\":\"ANDERSON\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Json.MAPPER.readTree("""
                {"results":[{"user_id":"@tom:test.local","display_name":"Thomas Anderson",
                 "avatar_url":"mxc://test.local/neo"}],"limited":false}"""));
    }

    @Test
    void findsUsersByUserIdAndLeavesOutMissingProfileKeys() {
        JsonNode result = searcher.post(SEARCH, "{\"search_term\":\"member03\"}").json();
        assertThat(result.path("results")).hasSize(1);
        JsonNode user = result.path("results").get(0);
        assertThat(user.path("user_id").asText()).isEqualTo("@member03:test.local");
        assertThat(user.has("display_name")).isFalse();
        assertThat(user.has("avatar_url")).isFalse();
    }

    @Test
    void theLimitDefaultsToTenAndSaysWhenResultsWereCutOff() {
        JsonNode byDefault = searcher.post(SEARCH, "{\"search_term\":\"member\"}").json();
        assertThat(byDefault.path("results")).hasSize(10);
        assertThat(byDefault.path("limited").asBoolean()).isTrue();
        assertThat(userIds(byDefault).getFirst()).isEqualTo("@member00:test.local");

        JsonNode three = searcher.post(SEARCH, "{\"search_term\":\"member\",\"limit\":3}").json();
        assertThat(userIds(three)).containsExactly("@member00:test.local", "@member01:test.local", "@member02:test.local");
        assertThat(three.path("limited").asBoolean()).isTrue();

        JsonNode all = searcher.post(SEARCH, "{\"search_term\":\"member\",\"limit\":50}").json();
        assertThat(all.path("results")).hasSize(12);
        assertThat(all.path("limited").asBoolean()).isFalse();

        JsonNode none = searcher.post(SEARCH, "{\"search_term\":\"zzz-nobody\"}").json();
        assertThat(none.path("results")).isEmpty();
        assertThat(none.path("limited").asBoolean()).isFalse();
    }

    @Test
    void theSearchTermIsRequired() {
        Reply r = searcher.post(SEARCH, "{\"limit\":3}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(searcher.post(SEARCH, "{\"search_term\":[]}").errcode()).isEqualTo("M_BAD_JSON");
    }

    private static List<String> userIds(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.path("results").forEach(u -> ids.add(u.path("user_id").asText()));
        return ids;
    }
}
