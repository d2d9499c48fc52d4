package dev.parley.service.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import java.util.List;
import java.util.Optional;

/** {@code POST /login} with {@code m.login.password} or {@code m.login.token} (Client-Server API, "Login"). */
public final class Logins {
    public static final String PASSWORD = "m.login.password";
    public static final String TOKEN = "m.login.token";

    private final AccountService accounts;
    private final Sessions sessions;
    private final LoginTokens loginTokens;

    public Logins(AccountService accounts, Sessions sessions, LoginTokens loginTokens) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.loginTokens = loginTokens;
    }

    /** The login types offered by {@code GET /login}. */
    public List<String> types() {
        return List.of(PASSWORD, TOKEN);
    }

    public Sessions.Login login(ObjectNode body) {
        String type = body.path("type").asText("");
        UserId userId = switch (type) {
            case PASSWORD -> passwordLogin(body);
            case TOKEN -> tokenLogin(body);
            default -> throw new MatrixException(ErrCode.UNKNOWN, "Unknown login type: " + type);
        };
        return sessions.login(userId, JsonFields.text(body, "device_id"), JsonFields.text(body, "initial_device_display_name"),
                body.path("refresh_token").asBoolean(false));
    }

    private UserId passwordLogin(ObjectNode body) {
        JsonNode identifier = body.path("identifier");
        if (identifier.isObject() && !"m.id.user".equals(identifier.path("type").asText())) {
            // m.id.thirdparty and m.id.phone need third-party IDs, which no account has yet.
            throw MatrixException.forbidden("Unknown identifier type or third-party ID");
        }
        UserId userId = UserIdentifiers.fromAuth(body, accounts.serverName())
                .filter(id -> id.server().equals(accounts.serverName()))
                .orElseThrow(() -> MatrixException.forbidden("Invalid username or password"));
        String password = JsonFields.text(body, "password").orElseThrow(() -> MatrixException.forbidden("Invalid username or password"));
        return accounts.checkLogin(userId, password);
    }

    private UserId tokenLogin(ObjectNode body) {
        String token = JsonFields.text(body, "token").orElseThrow(() -> MatrixException.forbidden("Missing login token"));
        UserId userId = loginTokens.consume(token).orElseThrow(() -> MatrixException.forbidden("Invalid login token"));
        accounts.requireActive(userId);
        return userId;
    }
}
