package dev.parley.service.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.config.ParleyConfig.SessionConfig;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.store.AccessTokenRow;
import dev.parley.store.AccessTokenStore;
import dev.parley.store.DeviceRow;
import dev.parley.store.DeviceStore;
import dev.parley.store.RefreshTokenRow;
import dev.parley.store.UserRow;
import dev.parley.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Access tokens, refresh tokens and the devices they belong to (Client-Server API, "Client
 * authentication", "Login", "Refreshing access tokens"). Tokens are 256 random bits stored
 * hashed; a short-lived cache keeps token checks off the database, and is cleared for a user
 * whenever that user's tokens are revoked.
 */
public final class Sessions {
    private static final String ACCESS_PREFIX = "pat_";
    private static final String REFRESH_PREFIX = "prt_";

    /** The result of a login: what the client is told. */
    public record Login(UserId userId, String accessToken, String deviceId, Optional<String> refreshToken,
                        Optional<Long> expiresInMs) {
    }

    private record Cached(Session session, Optional<Long> expiresTs, Optional<String> refreshTokenHash) {
    }

    private final AccessTokenStore tokens;
    private final UserStore users;
    private final DeviceStore devices;
    private final DeviceActivity activity;
    private final AccountModeration moderation;
    private final Clock clock;
    private final SessionConfig config;
    private final Cache<String, Cached> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5))
            .maximumSize(200_000)
            .build();

    public Sessions(AccessTokenStore tokens, UserStore users, DeviceStore devices, DeviceActivity activity,
                    AccountModeration moderation, Clock clock, SessionConfig config) {
        this.tokens = tokens;
        this.users = users;
        this.devices = devices;
        this.activity = activity;
        this.moderation = moderation;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Logs a user in on a device: an existing device keeps its ID and loses its old tokens (spec:
     * "the old access token(s) for that device are invalidated"); a new one is created.
     *
     * @throws MatrixException {@code M_USER_LOCKED} for a locked account, which "cannot obtain a
     *     new access token until the account has been unlocked" (Client-Server API, "Soft logout")
     */
    public Login login(UserId userId, Optional<String> deviceId, Optional<String> initialDisplayName, boolean refreshable) {
        requireUnlocked(userId);
        String device = deviceId.filter(id -> !id.isEmpty()).orElseGet(DeviceIds::generate);
        long now = clock.millis();
        if (!devices.create(DeviceRow.create(userId, device, initialDisplayName, now))) {
            tokens.deleteForDevice(userId, device);
            evict(userId);
        }
        String access = TokenHashes.newToken(ACCESS_PREFIX);
        if (!refreshable) {
            tokens.create(new AccessTokenRow(TokenHashes.hash(access), userId, Optional.of(device), now, Optional.empty()));
            return new Login(userId, access, device, Optional.empty(), Optional.empty());
        }
        String refresh = TokenHashes.newToken(REFRESH_PREFIX);
        tokens.createRefresh(new RefreshTokenRow(TokenHashes.hash(refresh), userId, device, now, Optional.empty()));
        long lifetime = config.refreshableTokenLifetimeMs();
        tokens.create(new AccessTokenRow(TokenHashes.hash(access), userId, Optional.of(device), now,
                Optional.of(now + lifetime), Optional.of(TokenHashes.hash(refresh))));
        return new Login(userId, access, device, Optional.of(refresh), Optional.of(lifetime));
    }

    /** A non-expiring token on the given (or a new) device: for tools, admin APIs and tests. */
    public String issue(UserId userId, Optional<String> deviceId) {
        return login(userId, deviceId, Optional.empty(), false).accessToken();
    }

    /**
     * The session a token belongs to; empty for unknown tokens and deactivated accounts.
     *
     * @throws MatrixException {@code M_UNKNOWN_TOKEN} with {@code soft_logout: true} for an
     *     expired refreshable token: the client should refresh, not forget the session
     */
    public Optional<Session> authenticate(String token) {
        String hash = TokenHashes.hash(token);
        Cached cached = cache.getIfPresent(hash);
        if (cached == null) {
            cached = load(hash);
            if (cached == null) {
                return Optional.empty();
            }
            cache.put(hash, cached);
        }
        if (cached.expiresTs().isPresent() && cached.expiresTs().get() <= clock.millis()) {
            throw new MatrixException(ErrCode.UNKNOWN_TOKEN, "Access token has expired", Map.of("soft_logout", true));
        }
        return Optional.of(cached.session());
    }

    private Cached load(String hash) {
        Optional<AccessTokenRow> row = tokens.find(hash);
        if (row.isEmpty()) {
            return null;
        }
        Optional<UserRow> user = users.find(row.get().userId());
        if (user.isEmpty() || user.get().deactivated()) {
            return null;
        }
        // Spec: the refresh token this pair replaced is revoked once the new access token is used.
        row.get().refreshTokenHash().ifPresent(tokens::revokePrevious);
        return new Cached(new Session(row.get().userId(), row.get().deviceId(), user.get().guest()),
                row.get().expiresTs(), row.get().refreshTokenHash());
    }

    /** Notes that a device was used, for {@code last_seen_*}; no database write here. */
    public void seen(Session session, String ip, String userAgent) {
        session.deviceId().ifPresent(device -> activity.record(session.userId(), device, clock.millis(), ip, userAgent));
    }

    /** {@code POST /refresh}: a new access token (and refresh token) for the device. */
    public Login refresh(String refreshToken) {
        RefreshTokenRow used = tokens.findRefresh(TokenHashes.hash(refreshToken))
                .orElseThrow(() -> new MatrixException(ErrCode.UNKNOWN_TOKEN, "Unknown refresh token",
                        Map.of("soft_logout", false)));
        requireUnlocked(used.userId());
        long now = clock.millis();
        String access = TokenHashes.newToken(ACCESS_PREFIX);
        String refresh = TokenHashes.newToken(REFRESH_PREFIX);
        RefreshTokenRow next = new RefreshTokenRow(TokenHashes.hash(refresh), used.userId(), used.deviceId(), now,
                Optional.of(used.tokenHash()));
        long lifetime = config.refreshableTokenLifetimeMs();
        tokens.rotate(used, next, new AccessTokenRow(TokenHashes.hash(access), used.userId(),
                Optional.of(used.deviceId()), now, Optional.of(now + lifetime), Optional.of(next.tokenHash())));
        evict(used.userId());
        return new Login(used.userId(), access, used.deviceId(), Optional.of(refresh), Optional.of(lifetime));
    }

    private void requireUnlocked(UserId userId) {
        if (moderation.locked(userId)) {
            throw MatrixException.userLocked();
        }
    }

    /** {@code POST /logout}: the token's device goes too, with all its tokens. */
    public void logout(Session session, String token) {
        if (session.deviceId().isPresent()) {
            devices.delete(session.userId(), java.util.List.of(session.deviceId().get()));
        } else {
            tokens.delete(TokenHashes.hash(token));
        }
        evict(session.userId());
    }

    /** {@code POST /logout/all}: every device and token of the user. */
    public void logoutAll(UserId userId) {
        devices.deleteAllExcept(userId, Optional.empty());
        tokens.deleteAllFor(userId);
        evict(userId);
    }

    /** Forgets cached sessions of a user whose tokens were just revoked. */
    public void evict(UserId userId) {
        cache.asMap().values().removeIf(c -> c.session().userId().equals(userId));
    }
}
