package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.room.RoomVersion;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads one power level value. From v10 it must be a JSON integer. Before v10 a string holding
 * an integer is accepted ("m.room.power_levels events accept values as strings": optional
 * surrounding whitespace, one optional sign, base-10 digits with any leading zeroes), and before
 * v6 a float is accepted and truncated at the decimal point ("accept values as floats").
 */
final class PowerLevelInteger {
    private static final Pattern INTEGER_STRING = Pattern.compile("[+-]?[0-9]+");
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private PowerLevelInteger() {
    }

    /** The value, or null if {@code node} is not a power level in {@code version}. */
    static Long read(JsonNode node, RoomVersion version) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? node.longValue() : null;
        }
        if (node.isTextual() && version.stringPowerLevelsAllowed()) {
            String text = node.textValue().strip();
            if (!INTEGER_STRING.matcher(text).matches()) {
                return null;
            }
            return clamp(new BigInteger(text.startsWith("+") ? text.substring(1) : text));
        }
        if (node.isFloatingPointNumber() && version.floatPowerLevelsAllowed()) {
            BigDecimal decimal = node.decimalValue();
            double asDouble = decimal.doubleValue();
            if (Double.isInfinite(asDouble) || Double.isNaN(asDouble)) {
                return null;
            }
            return clamp(decimal.toBigInteger());
        }
        return null;
    }

    private static Long clamp(BigInteger value) {
        return value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0 ? null : value.longValue();
    }
}
