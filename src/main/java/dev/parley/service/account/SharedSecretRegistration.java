package dev.parley.service.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Synapse's shared-secret registration ({@code /_synapse/admin/v1/register}), which admin tools
 * and test suites use: a single-use nonce, then a request signed with HMAC-SHA1 over
 * {@code nonce \0 username \0 password \0 admin|notadmin [\0 user_type]} keyed with the
 * configured secret.
 */
public final class SharedSecretRegistration {
    /** The fields of a registration request. */
    public record Request(String nonce, String username, String password, boolean admin, Optional<String> userType,
                          String mac) {
    }

    private final Optional<String> secret;
    private final AccountService accounts;
    private final Sessions sessions;
    private final Cache<String, Boolean> nonces = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();
    private final SecureRandom random = new SecureRandom();

    public SharedSecretRegistration(Optional<String> secret, AccountService accounts, Sessions sessions) {
        this.secret = secret;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    public String nonce() {
        requireEnabled();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        nonces.put(nonce, Boolean.TRUE);
        return nonce;
    }

    /** Creates the account and logs it in on a new device. */
    public Sessions.Login register(Request request) {
        String key = requireEnabled();
        if (nonces.asMap().remove(request.nonce()) == null) {
            throw new MatrixException(ErrCode.UNKNOWN, "Unrecognised nonce");
        }
        byte[] expected = mac(key, request);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(request.mac().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MatrixException.forbidden("HMAC incorrect");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw MatrixException.forbidden("HMAC incorrect");
        }
        UserId userId = accounts.register(request.username(), Optional.of(request.password()), request.admin());
        return sessions.login(userId, Optional.empty(), Optional.empty(), false);
    }

    private String requireEnabled() {
        return secret.orElseThrow(() -> new MatrixException(ErrCode.UNKNOWN, "Shared secret registration is not enabled"));
    }

    private static byte[] mac(String key, Request r) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String message = r.nonce() + "\0" + r.username() + "\0" + r.password() + "\0" + (r.admin() ? "admin" : "notadmin")
                    + r.userType().map(type -> "\0" + type).orElse("");
            return hmac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
