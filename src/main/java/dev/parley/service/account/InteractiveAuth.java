package dev.parley.service.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.store.RegistrationTokenStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * User-interactive authentication (Client-Server API, "User-interactive authentication API").
 * A session is bound to one operation (and user), remembers completed stages in order and the
 * first request's parameters, and lives in memory until it completes or idles out.
 */
public final class InteractiveAuth {
    public static final String DUMMY = "m.login.dummy";
    public static final String PASSWORD = "m.login.password";
    public static final String REGISTRATION_TOKEN = "m.login.registration_token";
    public static final String TERMS = "m.login.terms";

    /** What a completed authentication leaves behind for the operation. */
    public record Completed(ObjectNode firstRequest, Optional<String> registrationToken) {
    }

    private static final class Session {
        final String id;
        final String operation;
        final Optional<UserId> user;
        final ObjectNode firstRequest;
        final List<String> completed = new ArrayList<>();
        volatile String reservedToken;
        volatile boolean finished;

        Session(String id, String operation, Optional<UserId> user, ObjectNode firstRequest) {
            this.id = id;
            this.operation = operation;
            this.user = user;
            this.firstRequest = firstRequest;
        }
    }

    private final Passwords passwords;
    private final RegistrationTokenStore registrationTokens;
    private final Clock clock;
    private final Cache<String, Session> sessions;
    private final SecureRandom random = new SecureRandom();

    public InteractiveAuth(Passwords passwords, RegistrationTokenStore registrationTokens, Clock clock, Duration idleTimeout) {
        this.passwords = passwords;
        this.registrationTokens = registrationTokens;
        this.clock = clock;
        this.sessions = Caffeine.newBuilder()
                .expireAfterAccess(idleTimeout)
                .maximumSize(100_000)
                .removalListener((String id, Session s, RemovalCause cause) -> {
                    // An abandoned registration gives its reserved token use back.
                    if (s != null && !s.finished && s.reservedToken != null) {
                        registrationTokens.release(s.reservedToken);
                    }
                })
                .build();
    }

    /**
     * Checks the request's {@code auth} against the flows; returns once a flow is complete,
     * otherwise throws the 401 auth response ({@code AUTH_REQUIRED}, or {@code AUTH_STAGE_FAILED}
     * naming what went wrong).
     *
     * @param body the request body; its {@code auth} is read, the rest remembered on the first request
     * @param operation what is being authorised; a session started for one operation cannot authorise another
     * @param user the authenticated requester, for {@code m.login.password}
     * @param params the {@code params} to announce per stage (e.g. the terms for {@code m.login.terms})
     */
    public Completed authenticate(ObjectNode body, List<List<String>> flows, Map<String, Object> params,
                                  String operation, Optional<UserId> user) {
        JsonNode auth = body.path("auth");
        if (!auth.isObject()) {
            Session session = newSession(operation, user, body);
            throw challenge(session, flows, params, null);
        }
        Session session = sessionFor(auth, operation, user, body);
        String type = auth.path("type").asText(null);
        if (type != null && !session.completed.contains(type)) {
            if (!nextStageOfSomeFlow(session.completed, flows, type)) {
                throw challenge(session, flows, params, "Stage " + type + " is not expected now");
            }
            String failure = runStage(type, auth, session);
            if (failure != null) {
                throw challenge(session, flows, params, failure);
            }
            session.completed.add(type);
        }
        if (flows.stream().noneMatch(session.completed::equals)) {
            throw challenge(session, flows, params, null);
        }
        session.finished = true;
        sessions.invalidate(session.id);
        return new Completed(session.firstRequest, Optional.ofNullable(session.reservedToken));
    }

    private Session sessionFor(JsonNode auth, String operation, Optional<UserId> user, ObjectNode body) {
        String id = auth.path("session").asText(null);
        if (id == null) {
            return newSession(operation, user, body);
        }
        Session session = sessions.getIfPresent(id);
        if (session == null) {
            throw new MatrixException(ErrCode.UNKNOWN, "Unknown or expired user-interactive auth session");
        }
        if (!session.operation.equals(operation) || !session.user.equals(user)) {
            // Spec security note: a session must not authorise a different request.
            throw new MatrixException(ErrCode.FORBIDDEN, "This auth session was started for a different request");
        }
        return session;
    }

    private Session newSession(String operation, Optional<UserId> user, ObjectNode body) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ObjectNode remembered = body.deepCopy();
        remembered.remove("auth");
        Session session = new Session(id, operation, user, remembered);
        sessions.put(id, session);
        return session;
    }

    private static boolean nextStageOfSomeFlow(List<String> completed, List<List<String>> flows, String stage) {
        return flows.stream().anyMatch(flow -> flow.size() > completed.size()
                && flow.subList(0, completed.size()).equals(completed)
                && flow.get(completed.size()).equals(stage));
    }

    /** @return null when the stage passed, else why it failed */
    private String runStage(String type, JsonNode auth, Session session) {
        return switch (type) {
            case DUMMY, TERMS -> null;
            case PASSWORD -> checkPassword(auth, session);
            case REGISTRATION_TOKEN -> {
                String token = auth.path("token").asText("");
                if (session.reservedToken == null && !registrationTokens.reserve(token, clock.millis())) {
                    yield "Invalid registration token";
                }
                if (session.reservedToken == null) {
                    session.reservedToken = token;
                }
                yield null;
            }
            default -> throw new MatrixException(ErrCode.INVALID_PARAM, "Unsupported auth type: " + type);
        };
    }

    private String checkPassword(JsonNode auth, Session session) {
        if (session.user.isEmpty()) {
            return "Password authentication needs a logged-in user";
        }
        Optional<UserId> claimed = UserIdentifiers.fromAuth(auth, session.user.get().server());
        if (claimed.isEmpty() || !claimed.get().equals(session.user.get())) {
            return "Invalid username or password";
        }
        String password = auth.path("password").asText(null);
        return password != null && passwords.verify(session.user.get(), password) ? null : "Invalid username or password";
    }

    private static MatrixException challenge(Session session, List<List<String>> flows, Map<String, Object> params,
                                             String failure) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flows", flows.stream().map(stages -> Map.of("stages", stages)).toList());
        body.put("params", params);
        body.put("session", session.id);
        if (!session.completed.isEmpty()) {
            body.put("completed", List.copyOf(session.completed));
        }
        return failure == null
                ? new MatrixException(ErrCode.AUTH_REQUIRED, "Additional authentication required", body)
                : new MatrixException(ErrCode.AUTH_STAGE_FAILED, failure, body);
    }
}
