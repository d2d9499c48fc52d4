package dev.parley.service.account;

import dev.parley.api.admin.RegistrationTokensAdmin;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.store.RegistrationTokenRow;
import dev.parley.store.RegistrationTokenStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Managing registration tokens, as Synapse's admin API does: tokens follow the spec's opaque
 * identifier grammar ({@code [A-Za-z0-9._~-]}, at most 64 characters).
 */
public final class RegistrationTokens {
    private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final RegistrationTokenStore store;
    private final SecureRandom random = new SecureRandom();

    public RegistrationTokens(RegistrationTokenStore store) {
        this.store = store;
    }

    public RegistrationTokensAdmin.Token create(Optional<String> token, Optional<Integer> usesAllowed, Optional<Long> expiryTime,
                                       int length) {
        if (length < 1 || length > 64) {
            throw MatrixException.invalidParam("length must be from 1 to 64");
        }
        if (usesAllowed.isPresent() && usesAllowed.get() < 0) {
            throw MatrixException.invalidParam("uses_allowed must not be negative");
        }
        String value = token.orElseGet(() -> randomToken(length));
        if (!GRAMMAR.matcher(value).matches()) {
            throw MatrixException.invalidParam("token must be 1-64 characters of A-Z, a-z, 0-9, '.', '_', '~' and '-'");
        }
        RegistrationTokenRow row = new RegistrationTokenRow(value, usesAllowed, 0, 0, expiryTime);
        if (!store.create(row)) {
            throw new MatrixException(ErrCode.INVALID_PARAM, "Token already exists");
        }
        return wire(row);
    }

    public List<RegistrationTokensAdmin.Token> list() {
        return store.list().stream().map(RegistrationTokens::wire).toList();
    }

    public RegistrationTokensAdmin.Token get(String token) {
        return store.find(token).map(RegistrationTokens::wire)
                .orElseThrow(() -> MatrixException.notFound("No such registration token"));
    }

    private static RegistrationTokensAdmin.Token wire(RegistrationTokenRow row) {
        return new RegistrationTokensAdmin.Token(row.token(), row.usesAllowed().orElse(null), row.pending(),
                row.completed(), row.expiryTime().orElse(null));
    }

    public void delete(String token) {
        if (!store.delete(token)) {
            throw MatrixException.notFound("No such registration token");
        }
    }

    private String randomToken(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
