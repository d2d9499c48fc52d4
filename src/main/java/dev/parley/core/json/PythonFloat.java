package dev.parley.core.json;

import java.math.BigDecimal;

/**
 * Writes a double the way Python's {@code repr(float)} does. Events in room versions 1–5 may
 * hold floats; the servers that hashed and signed them (Synapse and its Python canonicaljson)
 * wrote them with {@code repr}, so lenient canonical JSON must too, or their hashes won't match.
 *
 * <p>{@code repr} uses the shortest digits that round-trip (as {@link Double#toString} does since
 * JDK 19) and switches to exponent form when the decimal point would sit more than 16 digits
 * right of the first digit or 4+ zeros left of it: {@code 1e+16}, {@code 1000000000000000.0},
 * {@code 0.0001}, {@code 1e-05}.
 *
 * <p>Known gap: the shared mapper reads non-integers as {@code BigDecimal}, which has no negative
 * zero, so a {@code -0.0} in a legacy event is written {@code 0.0} where Python wrote {@code -0.0}.
 */
final class PythonFloat {
    private static final int FIXED_MAX_DECPT = 16;
    private static final int FIXED_MIN_DECPT = -3;

    private PythonFloat() {
    }

    static String repr(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            // Python's json refuses these with allow_nan=False, as the canonical encoders do.
            throw dev.parley.core.error.MatrixException.badJson("JSON has no NaN or Infinity");
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        // Value = 0.digits × 10^decpt.
        int decpt = digits.length() - shortest.scale();
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) {
            sb.append('-');
        }
        if (decpt > FIXED_MAX_DECPT || decpt < FIXED_MIN_DECPT) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        } else if (decpt <= 0) {
            sb.append("0.");
            sb.repeat('0', -decpt);
            sb.append(digits);
        } else if (decpt >= digits.length()) {
            sb.append(digits);
            sb.repeat('0', decpt - digits.length());
            sb.append(".0");
        } else {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return sb.toString();
    }
}
