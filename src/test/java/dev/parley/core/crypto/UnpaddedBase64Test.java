package dev.parley.core.crypto;

import dev.parley.core.error.MatrixException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spec appendix "Unpadded Base64" examples. */
class UnpaddedBase64Test {
    @ParameterizedTest
    @CsvSource(value = {"'',''", "f,Zg", "fo,Zm8", "foo,Zm9v", "foob,Zm9vYg", "fooba,Zm9vYmE", "foobar,Zm9vYmFy"})
    void specExamples(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
        assertThat(UnpaddedBase64.encode(bytes)).isEqualTo(encoded);
        assertThat(UnpaddedBase64.decode(encoded)).isEqualTo(bytes);
        String padded = encoded + "=".repeat((4 - encoded.length() % 4) % 4);
        assertThat(UnpaddedBase64.decode(padded)).isEqualTo(bytes);
    }

    @Test
    void urlSafeAlphabet() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf};
        assertThat(UnpaddedBase64.encode(bytes)).isEqualTo("+/+/");
        assertThat(UnpaddedBase64.encodeUrlSafe(bytes)).isEqualTo("-_-_");
        assertThat(UnpaddedBase64.decodeUrlSafe("-_-_")).isEqualTo(bytes);
        assertThat(UnpaddedBase64.decodeUrlSafe("-_8")).isEqualTo(new byte[]{(byte) 0xfb, (byte) 0xff});
        assertThat(UnpaddedBase64.decodeUrlSafe("-_8=")).isEqualTo(new byte[]{(byte) 0xfb, (byte) 0xff});
    }

    @Test
    void malformedInputIsRejected() {
        assertThatThrownBy(() -> UnpaddedBase64.decode("-_-_")).isInstanceOf(MatrixException.class);
        assertThatThrownBy(() -> UnpaddedBase64.decode("Z")).isInstanceOf(MatrixException.class);
        assertThatThrownBy(() -> UnpaddedBase64.decodeUrlSafe("+/")).isInstanceOf(MatrixException.class);
    }
}
