package dev.parley.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Test
    void specAppendixExamples() {
        JsonNode cases = Vectors.load("canonical-json.json").get("cases");
        assertThat(cases).hasSize(10);
        for (JsonNode c : cases) {
            JsonNode input = Vectors.parse(c.get("input").textValue());
            assertThat(CanonicalJson.encodeToString(input, CanonicalJson.Mode.STRICT))
                    .as(c.get("input").textValue())
                    .isEqualTo(c.get("canonical").textValue());
        }
    }

    @Test
    void outputIsUtf8Bytes() {
        byte[] out = CanonicalJson.encode(Vectors.parse("{\"a\":\"日\"}"));
        assertThat(out).isEqualTo("{\"a\":\"日\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(11);
    }

    @Test
    void keysSortByCodePointNotUtf16() {
        // U+1F600 is the surrogate pair D83D DE00; U+FF21 (fullwidth A) is FF21. UTF-16 puts the
        // emoji first (D83D < FF21); code point order puts it last (1F600 > FF21).
        ObjectNode o = F.objectNode();
        o.put("\uD83D\uDE00", 1);
        o.put("\uFF21", 2);
        o.put("\uE000", 3);
        o.put("z", 4);
        assertThat(CanonicalJson.encodeToString(o, CanonicalJson.Mode.STRICT))
                .isEqualTo("{\"z\":4,\"\uE000\":3,\"\uFF21\":2,\"\uD83D\uDE00\":1}");
        assertThat("\uD83D\uDE00".compareTo("\uFF21")).isNegative();
        assertThat(CanonicalJson.compareCodePoints("\uD83D\uDE00", "\uFF21")).isPositive();
    }

    @Test
    void largeObjectsSortTheSameWay() {
        ObjectNode o = F.objectNode();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String k = new StringBuilder().appendCodePoint(i % 2 == 0 ? 0x10000 + i : 0xE000 + i).append(i).toString();
            keys.add(k);
            o.put(k, i);
        }
        keys.sort((a, b) -> {
            int[] x = a.codePoints().toArray();
            int[] y = b.codePoints().toArray();
            return java.util.Arrays.compare(x, y);
        });
        StringBuilder expected = new StringBuilder("{");
        for (String k : keys) {
            if (expected.length() > 1) {
                expected.append(',');
            }
            expected.append('"').append(k).append("\":").append(o.get(k).intValue());
        }
        expected.append('}');
        assertThat(CanonicalJson.encodeToString(o, CanonicalJson.Mode.STRICT)).isEqualTo(expected.toString());
    }

    @Test
    void escapesOnlyWhatTheGrammarRequires() {
        ObjectNode o = F.objectNode();
        o.put("s", "q\" b\\ \b\f\n\r\t \u0000\u0001\u001f\u000b / \u007f é \u2028");
        assertThat(CanonicalJson.encodeToString(o, CanonicalJson.Mode.STRICT))
                .isEqualTo("{\"s\":\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0000\\u0001\\u001f\\u000b / \u007f é \u2028\"}");
    }

    @Test
    void escapesKeysToo() {
        ObjectNode o = F.objectNode();
        o.put("a\nb", 1);
        assertThat(CanonicalJson.encodeToString(o, CanonicalJson.Mode.STRICT)).isEqualTo("{\"a\\nb\":1}");
    }

    @Test
    void loneSurrogateIsRejected() {
        ObjectNode o = F.objectNode();
        o.put("a", "\uD800x");
        assertThatThrownBy(() -> CanonicalJson.encode(o)).isInstanceOf(MatrixException.class)
                .extracting(e -> ((MatrixException) e).errCode()).isEqualTo(ErrCode.BAD_JSON);
    }

    @Test
    void astralCharactersAreFourUtf8Bytes() {
        byte[] out = CanonicalJson.encode(F.textNode("\uD83D\uDE00"));
        assertThat(out).containsExactly('"', 0xF0 - 256, 0x9F - 256, 0x98 - 256, 0x80 - 256, '"');
    }

    @Test
    void arraysKeepOrderAndNestWithoutWhitespace() {
        assertThat(CanonicalJson.encodeToString(Vectors.parse("[3, {\"b\": [true, false, null], \"a\": []}, \"x\"]"),
                CanonicalJson.Mode.STRICT)).isEqualTo("[3,{\"a\":[],\"b\":[true,false,null]},\"x\"]");
    }

    @ParameterizedTest
    @CsvSource({
            "9007199254740991, 9007199254740991",
            "-9007199254740991, -9007199254740991",
            "1.0, 1",
            "-0.0, 0",
            "1E2, 100",
            "0, 0",
    })
    void strictModeAcceptsSafeIntegers(String literal, String expected) {
        assertThat(CanonicalJson.encodeToString(Vectors.parse("[" + literal + "]"), CanonicalJson.Mode.STRICT))
                .isEqualTo("[" + expected + "]");
    }

    @ParameterizedTest
    @CsvSource({"9007199254740992", "-9007199254740992", "18446744073709551616", "1.5", "1e-3", "9.007199254740992E15"})
    void strictModeRejectsFloatsAndOutOfRange(String literal) {
        JsonNode node = Vectors.parse("{\"n\":" + literal + "}");
        assertThatThrownBy(() -> CanonicalJson.encode(node, CanonicalJson.Mode.STRICT))
                .isInstanceOf(MatrixException.class)
                .extracting(e -> ((MatrixException) e).errCode()).isEqualTo(ErrCode.BAD_JSON);
        assertThatThrownBy(() -> CanonicalJson.requireStrict(node)).isInstanceOf(MatrixException.class);
    }

    @Test
    void strictModeRejectsNonFiniteDoubles() {
        assertThatThrownBy(() -> CanonicalJson.encode(F.numberNode(Double.NaN))).isInstanceOf(MatrixException.class);
        assertThatThrownBy(() -> CanonicalJson.encode(F.numberNode(Double.POSITIVE_INFINITY), CanonicalJson.Mode.LENIENT))
                .isInstanceOf(MatrixException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "9007199254740993 | 9007199254740993",
            "18446744073709551616 | 18446744073709551616",
            "-5 | -5",
            "1.5 | 1.5",
            "50.57 | 50.57",
            "1e10 | 10000000000.0",
            "1e16 | 1e+16",
            "1e15 | 1000000000000000.0",
            "0.0001 | 0.0001",
            "0.00001 | 1e-05",
            "-2.5e-7 | -2.5e-07",
            "1.7976931348623157e308 | 1.7976931348623157e+308",
            "123456789.125 | 123456789.125",
    })
    void lenientModeWritesLegacyNumbersAsPythonDid(String literal, String expected) {
        assertThat(CanonicalJson.encodeToString(Vectors.parse("[" + literal + "]"), CanonicalJson.Mode.LENIENT))
                .isEqualTo("[" + expected + "]");
    }

    @Test
    void numberNodeKindsAllEncode() {
        ObjectNode o = F.objectNode();
        o.put("int", 1);
        o.put("long", 1L << 40);
        o.put("big", BigInteger.TEN);
        o.put("dec", new BigDecimal("2.000"));
        o.put("short", (short) 7);
        assertThat(CanonicalJson.encodeToString(o, CanonicalJson.Mode.STRICT))
                .isEqualTo("{\"big\":10,\"dec\":2,\"int\":1,\"long\":1099511627776,\"short\":7}");
    }

    @Test
    void encodeWithoutSkipsTopLevelKeysOnly() {
        ObjectNode o = (ObjectNode) Vectors.parse(
                "{\"b\":1,\"signatures\":{\"x\":{}},\"unsigned\":{\"age\":1},\"a\":{\"unsigned\":2}}");
        assertThat(new String(CanonicalJson.encodeWithout(o, CanonicalJson.Mode.STRICT, "signatures", "unsigned"),
                StandardCharsets.UTF_8)).isEqualTo("{\"a\":{\"unsigned\":2},\"b\":1}");
        assertThat(o.has("signatures")).isTrue();
    }
}
