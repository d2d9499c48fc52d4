package dev.parley.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * Canonical JSON, spec appendix "Signing JSON" / "Canonical JSON": the shortest UTF-8 encoding,
 * object keys sorted by Unicode code point, integers only, no insignificant whitespace, and only
 * the escapes the appendix grammar allows ({@code \" \\ \b \t \n \f \r} and lower-case
 * <code>&#92;u00XX</code> for other control characters).
 *
 * <p>Two modes, chosen by the room version ("Canonical JSON" section of each room version page):
 * <ul>
 *   <li>{@link Mode#STRICT} (v6+ events, and everything outside rooms): a number must be an integer
 *   in {@code [-(2^53)+1, 2^53-1]}, else {@code M_BAD_JSON}. A number written with a fraction or
 *   exponent whose value is such an integer is written as that integer, as in the appendix's
 *   example {@code {"a":-0,"b":1e10}} → {@code {"a":0,"b":10000000000}}.</li>
 *   <li>{@link Mode#LENIENT} (v1–v5 events, which "might not be fully compliant"): integers of any
 *   size are written as they are, and non-integers as Python's {@code repr} writes a double, which
 *   is how the servers that signed such events encoded them.</li>
 * </ul>
 *
 * <p>Output is written straight into a byte array; nothing is built per key except the sort.
 */
public final class CanonicalJson {
    /** Canonical JSON's largest integer, 2^53-1. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    /** Canonical JSON's smallest integer, -(2^53)+1. */
    public static final long MIN_SAFE_INTEGER = -MAX_SAFE_INTEGER;

    private static final BigInteger BIG_MAX = BigInteger.valueOf(MAX_SAFE_INTEGER);
    private static final BigInteger BIG_MIN = BigInteger.valueOf(MIN_SAFE_INTEGER);
    private static final String[] NO_KEYS = new String[0];
    private static final int INSERTION_SORT_MAX = 16;

    /** Code point order of strings, the order of keys in canonical JSON. */
    public static final Comparator<String> CODE_POINT_ORDER = CanonicalJson::compareCodePoints;

    /** Whether numbers must obey the appendix's integer rules. */
    public enum Mode {
        STRICT,
        LENIENT
    }

    private CanonicalJson() {
    }

    /** Strict canonical JSON of {@code node}. */
    public static byte[] encode(JsonNode node) {
        return encode(node, Mode.STRICT);
    }

    public static byte[] encode(JsonNode node, Mode mode) {
        ByteSink out = new ByteSink(512);
        new Encoder(out, mode == Mode.STRICT).value(node);
        return out.toByteArray();
    }

    /**
     * Canonical JSON of {@code object} as if the given top-level keys were absent, without
     * copying the tree. Signing leaves out {@code signatures} and {@code unsigned}; the content
     * hash also leaves out {@code hashes}.
     */
    public static byte[] encodeWithout(ObjectNode object, Mode mode, String... omittedTopLevelKeys) {
        ByteSink out = new ByteSink(1024);
        new Encoder(out, mode == Mode.STRICT).object(object, omittedTopLevelKeys);
        return out.toByteArray();
    }

    public static String encodeToString(JsonNode node, Mode mode) {
        return new String(encode(node, mode), StandardCharsets.UTF_8);
    }

    /** Throws {@code M_BAD_JSON} unless every number in {@code node} meets the strict rules. */
    public static void requireStrict(JsonNode node) {
        if (node.isNumber()) {
            Encoder.strictInteger(node);
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                requireStrict(child);
            }
        }
    }

    /** Orders strings by Unicode code point, which UTF-16 {@link String#compareTo} does not. */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    // Surrogates (astral code points) sort after U+E000..U+FFFF in code point order.
                    return surrogateLast(x) - surrogateLast(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static int surrogateLast(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /** One encoding pass. */
    private record Encoder(ByteSink out, boolean strict) {
        void value(JsonNode node) {
            switch (node.getNodeType()) {
                case OBJECT -> object((ObjectNode) node, NO_KEYS);
                case ARRAY -> array(node);
                case STRING -> string(node.textValue());
                case NUMBER -> number(node);
                case BOOLEAN -> out.ascii(node.booleanValue() ? "true" : "false");
                case NULL -> out.ascii("null");
                default -> throw MatrixException.badJson("Not representable as JSON: " + node.getNodeType());
            }
        }

        void object(ObjectNode node, String[] omitted) {
            String[] keys = sortedKeys(node, omitted);
            out.write('{');
            for (int i = 0; i < keys.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                string(keys[i]);
                out.write(':');
                value(node.get(keys[i]));
            }
            out.write('}');
        }

        private static String[] sortedKeys(ObjectNode node, String[] omitted) {
            String[] keys = new String[node.size()];
            int n = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                String key = it.next().getKey();
                if (!contains(omitted, key)) {
                    keys[n++] = key;
                }
            }
            if (n <= INSERTION_SORT_MAX) {
                // Event objects are small; insertion sort beats Arrays.sort's setup for them.
                for (int i = 1; i < n; i++) {
                    String k = keys[i];
                    int j = i - 1;
                    while (j >= 0 && compareCodePoints(keys[j], k) > 0) {
                        keys[j + 1] = keys[j];
                        j--;
                    }
                    keys[j + 1] = k;
                }
            } else {
                Arrays.sort(keys, 0, n, CODE_POINT_ORDER);
            }
            return n == keys.length ? keys : Arrays.copyOf(keys, n);
        }

        private static boolean contains(String[] keys, String key) {
            for (String k : keys) {
                if (k.equals(key)) {
                    return true;
                }
            }
            return false;
        }

        void array(JsonNode node) {
            out.write('[');
            int n = node.size();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.write(',');
                }
                value(node.get(i));
            }
            out.write(']');
        }

        void number(JsonNode node) {
            if (strict) {
                out.ascii(Long.toString(strictInteger(node)));
            } else if (node.isIntegralNumber()) {
                out.ascii(node.isBigInteger() ? node.bigIntegerValue().toString() : Long.toString(node.longValue()));
            } else {
                out.ascii(PythonFloat.repr(node.doubleValue()));
            }
        }

        /** The integer value of a number under the strict rules, or {@code M_BAD_JSON}. */
        static long strictInteger(JsonNode node) {
            if (node.isInt() || node.isLong() || node.isShort()) {
                return checkRange(node.longValue());
            }
            if (node.isBigInteger()) {
                BigInteger v = node.bigIntegerValue();
                if (v.compareTo(BIG_MIN) < 0 || v.compareTo(BIG_MAX) > 0) {
                    throw outOfRange(v.toString());
                }
                return v.longValue();
            }
            BigDecimal d;
            if (node.isBigDecimal()) {
                d = node.decimalValue();
            } else {
                double v = node.doubleValue();
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw MatrixException.badJson("Canonical JSON has no NaN or Infinity");
                }
                d = BigDecimal.valueOf(v);
            }
            BigInteger integral;
            try {
                integral = d.toBigIntegerExact();
            } catch (ArithmeticException notIntegral) {
                throw MatrixException.badJson("Canonical JSON does not allow non-integer numbers: " + d);
            }
            if (integral.compareTo(BIG_MIN) < 0 || integral.compareTo(BIG_MAX) > 0) {
                throw outOfRange(integral.toString());
            }
            return integral.longValue();
        }

        private static long checkRange(long v) {
            if (v < MIN_SAFE_INTEGER || v > MAX_SAFE_INTEGER) {
                throw outOfRange(Long.toString(v));
            }
            return v;
        }

        private static MatrixException outOfRange(String v) {
            return MatrixException.badJson("Integer out of canonical JSON range [-(2^53)+1, 2^53-1]: " + v);
        }

        void string(String s) {
            out.write('"');
            int len = s.length();
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80) {
                    if (c == '"' || c == '\\') {
                        out.write('\\');
                    }
                    out.write(c);
                } else if (c < 0x20) {
                    escapeControl(c);
                } else if (c < 0x800) {
                    out.write(0xC0 | (c >> 6));
                    out.write(0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    if (!Character.isHighSurrogate(c) || i + 1 >= len || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw MatrixException.badJson("String holds a lone UTF-16 surrogate, not valid Unicode");
                    }
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    out.write(0xF0 | (cp >> 18));
                    out.write(0x80 | ((cp >> 12) & 0x3F));
                    out.write(0x80 | ((cp >> 6) & 0x3F));
                    out.write(0x80 | (cp & 0x3F));
                } else {
                    out.write(0xE0 | (c >> 12));
                    out.write(0x80 | ((c >> 6) & 0x3F));
                    out.write(0x80 | (c & 0x3F));
                }
            }
            out.write('"');
        }

        private void escapeControl(char c) {
            out.write('\\');
            switch (c) {
                case '\b' -> out.write('b');
                case '\t' -> out.write('t');
                case '\n' -> out.write('n');
                case '\f' -> out.write('f');
                case '\r' -> out.write('r');
                default -> {
                    out.ascii("u00");
                    out.write(HEX[c >> 4]);
                    out.write(HEX[c & 0xF]);
                }
            }
        }

        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    }
}
