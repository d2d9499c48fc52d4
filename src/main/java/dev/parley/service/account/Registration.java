package dev.parley.service.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.config.ParleyConfig.Policy;
import dev.parley.config.ParleyConfig.RegistrationConfig;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.store.RegistrationTokenStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /register} (Client-Server API, "Account registration"): username checks before
 * user-interactive auth as the spec requires, the configured stages (dummy, registration token,
 * terms), then the account and, unless {@code inhibit_login}, a first device.
 */
public final class Registration {
    /** The outcome: the new user and, unless login was inhibited, its session. */
    public record Result(UserId userId, Optional<Sessions.Login> login) {
    }

    private static final int MAX_PASSWORD_LENGTH = 512;

    private final RegistrationConfig config;
    private final AccountService accounts;
    private final Sessions sessions;
    private final InteractiveAuth uia;
    private final RegistrationTokenStore tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Registration(RegistrationConfig config, AccountService accounts, Sessions sessions, InteractiveAuth uia,
                        RegistrationTokenStore tokens, Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.sessions = sessions;
        this.uia = uia;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Result register(ObjectNode body, boolean guest) {
        if (guest) {
            return registerGuest(body);
        }
        if (!config.enabled()) {
            throw MatrixException.forbidden("Registration has been disabled");
        }
        // Spec: M_USER_IN_USE / M_INVALID_USERNAME come before user-interactive auth.
        Optional<String> username = JsonFields.text(body, "username");
        username.ifPresent(accounts::checkAvailable);
        JsonFields.text(body, "password").ifPresent(Registration::checkPassword);

        InteractiveAuth.Completed auth = uia.authenticate(body, List.of(stages()), params(), "register", Optional.empty());
        ObjectNode request = merged(auth.firstRequest(), body);
        String password = JsonFields.text(request, "password")
                .orElseThrow(() -> releaseAnd(auth, new MatrixException(ErrCode.MISSING_PARAM, "Missing password")));
        checkPassword(password);
        UserId userId;
        try {
            userId = accounts.create(JsonFields.text(request, "username").map(accounts::newUserId).orElseGet(this::freeNumericId),
                    Optional.of(password), false, false);
        } catch (MatrixException e) {
            throw releaseAnd(auth, e);
        }
        auth.registrationToken().ifPresent(tokens::complete);
        return new Result(userId, login(userId, request));
    }

    private Result registerGuest(ObjectNode body) {
        if (!config.allowGuests()) {
            throw MatrixException.forbidden("Guest access is disabled");
        }
        UserId userId = accounts.create(freeNumericId(), Optional.empty(), false, true);
        return new Result(userId, Optional.of(sessions.login(userId, JsonFields.text(body, "device_id"),
                JsonFields.text(body, "initial_device_display_name"), body.path("refresh_token").asBoolean(false))));
    }

    /** {@code GET /register/m.login.registration_token/validity}. */
    public boolean tokenValid(String token) {
        return tokens.find(token).map(t -> t.isValid(clock.millis())).orElse(false);
    }

    private Optional<Sessions.Login> login(UserId userId, ObjectNode request) {
        if (request.path("inhibit_login").asBoolean(false)) {
            return Optional.empty();
        }
        return Optional.of(sessions.login(userId, JsonFields.text(request, "device_id"),
                JsonFields.text(request, "initial_device_display_name"), request.path("refresh_token").asBoolean(false)));
    }

    private List<String> stages() {
        List<String> stages = new ArrayList<>();
        if (config.requireToken()) {
            stages.add(InteractiveAuth.REGISTRATION_TOKEN);
        }
        if (!config.terms().isEmpty()) {
            stages.add(InteractiveAuth.TERMS);
        }
        if (stages.isEmpty()) {
            stages.add(InteractiveAuth.DUMMY);
        }
        return stages;
    }

    /** The {@code m.login.terms} params: {@code policies.<id>.version} and per-language name and url. */
    private Map<String, Object> params() {
        if (config.terms().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> policies = new LinkedHashMap<>();
        for (Policy p : config.terms()) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("version", p.version());
            policy.put(p.language(), Map.of("name", p.name(), "url", p.url().toString()));
            policies.put(p.id(), policy);
        }
        return Map.of(InteractiveAuth.TERMS, Map.of("policies", policies));
    }

    /** A localpart for a user who did not pick one: digits, as Synapse generates. */
    private UserId freeNumericId() {
        for (int attempt = 0; attempt < 20; attempt++) {
            String localpart = Long.toString(100_000_000L + (random.nextLong() & Long.MAX_VALUE) % 900_000_000L);
            UserId candidate = accounts.newUserId(localpart);
            if (accounts.find(candidate).isEmpty()) {
                return candidate;
            }
        }
        throw new MatrixException(ErrCode.INTERNAL, "Could not find a free user ID");
    }

    private MatrixException releaseAnd(InteractiveAuth.Completed auth, MatrixException e) {
        auth.registrationToken().ifPresent(tokens::release);
        return e;
    }

    private static void checkPassword(String password) {
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new MatrixException(ErrCode.INVALID_PARAM, "Password is too long");
        }
    }

    /** The first request's parameters, overridden by whatever this request repeats. */
    private static ObjectNode merged(ObjectNode first, ObjectNode current) {
        ObjectNode merged = first.deepCopy();
        current.properties().forEach(e -> {
            if (!e.getKey().equals("auth")) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        return merged;
    }
}
