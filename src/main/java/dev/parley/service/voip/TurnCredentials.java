package dev.parley.service.voip;

import dev.parley.config.ParleyConfig.VoipConfig;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TURN credentials for VoIP calls (Client-Server API, "Voice over IP"). With a shared secret the
 * credentials are derived per request in the TURN REST API scheme that coturn's
 * {@code use-auth-secret} checks: the username is {@code "<expiry unix seconds>:<user id>"} and
 * the password the standard (padded) base64 of HMAC-SHA1(secret, username), so the TURN server
 * verifies them without asking us and they lapse on their own.
 */
public final class TurnCredentials {
    /** What a client is given: where the relays are and how to log in to them. */
    public record Credentials(String username, String password, List<String> uris, long ttlSeconds) {
    }

    private final VoipConfig config;
    private final Clock clock;

    public TurnCredentials(VoipConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * @return empty when no TURN server is configured (clients then call without a relay)
     * @throws MatrixException {@code M_GUEST_ACCESS_FORBIDDEN} for a guest when guests are not allowed
     */
    public Optional<Credentials> issue(UserId user, boolean guest) {
        if (guest && !config.allowGuests()) {
            throw new MatrixException(ErrCode.GUEST_ACCESS_FORBIDDEN, "TURN credentials are not given to guests.");
        }
        if (config.turnUris().isEmpty()) {
            return Optional.empty();
        }
        if (config.sharedSecret().isPresent()) {
            long expiry = clock.instant().getEpochSecond() + config.ttlSeconds();
            String username = expiry + ":" + user.value();
            return Optional.of(new Credentials(username, hmacSha1(config.sharedSecret().get(), username),
                    config.turnUris(), config.ttlSeconds()));
        }
        return Optional.of(new Credentials(config.username().orElseThrow(), config.password().orElseThrow(),
                config.turnUris(), config.ttlSeconds()));
    }

    private static String hmacSha1(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is a required JDK algorithm", e);
        }
    }
}
