package dev.parley.core.crypto;

import dev.parley.core.error.MatrixException;

import java.util.Base64;

/**
 * Matrix Base64: spec appendix "Unpadded Base64" (RFC 4648 standard alphabet, no {@code =}) and
 * "URL-safe unpadded Base64" ({@code -} and {@code _} for the last two characters). Decoders
 * accept input with or without padding, as the appendix says implementations SHOULD.
 */
public final class UnpaddedBase64 {
    private static final Base64.Encoder STANDARD = Base64.getEncoder().withoutPadding();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private UnpaddedBase64() {
    }

    public static String encode(byte[] bytes) {
        return STANDARD.encodeToString(bytes);
    }

    public static String encodeUrlSafe(byte[] bytes) {
        return URL_SAFE.encodeToString(bytes);
    }

    /** Decodes standard Base64, padded or not; {@code M_INVALID_PARAM} if malformed. */
    public static byte[] decode(String text) {
        try {
            // The JDK decoder already treats padding as optional.
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam("Invalid Base64: " + e.getMessage());
        }
    }

    /** Decodes URL-safe Base64, padded or not; {@code M_INVALID_PARAM} if malformed. */
    public static byte[] decodeUrlSafe(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam("Invalid URL-safe Base64: " + e.getMessage());
        }
    }
}
