package dev.parley.core.crypto;

import dev.parley.core.error.MatrixException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyTest {
    /** The spec appendix seed, re-encoded canonically (the appendix's text ends in '1', with stray low bits). */
    private static final String SEED = "YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA0";

    @Test
    void synapseKeyFileLineRoundTrips() {
        SigningKey key = SigningKey.fromKeyFileLine("ed25519 a_AbC " + SEED + "\n");
        assertThat(key.keyId().value()).isEqualTo("ed25519:a_AbC");
        assertThat(key.toKeyFileLine()).isEqualTo("ed25519 a_AbC " + SEED);
        assertThat(SigningKey.fromKeyFileLine(key.toKeyFileLine()).verifyKey()).isEqualTo(key.verifyKey());
    }

    @Test
    void keyFileWithSeveralKeys() {
        var keys = SigningKey.fromKeyFile("ed25519 a " + SEED + "\n\ned25519 b " + SEED + "=\n");
        assertThat(keys).extracting(k -> k.keyId().value()).containsExactly("ed25519:a", "ed25519:b");
    }

    @Test
    void badKeyLinesAreRejected() {
        assertThatThrownBy(() -> SigningKey.fromKeyFileLine("curve25519 a " + SEED)).isInstanceOf(MatrixException.class);
        assertThatThrownBy(() -> SigningKey.fromKeyFileLine("ed25519 a")).isInstanceOf(MatrixException.class);
        assertThatThrownBy(() -> SigningKey.fromKeyFileLine("ed25519 a AAAA")).isInstanceOf(MatrixException.class);
        assertThatThrownBy(() -> SigningKey.fromKeyFileLine("ed25519 a:b " + SEED)).isInstanceOf(MatrixException.class);
    }

    @Test
    void generatedKeysSignAndVerify() {
        SigningKey key = SigningKey.generate("auto");
        byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] sig = key.sign(msg);
        assertThat(sig).hasSize(64);
        assertThat(key.verifyKey().verify(msg, sig)).isTrue();
        sig[0] ^= 1;
        assertThat(key.verifyKey().verify(msg, sig)).isFalse();
        assertThat(key.verifyKey().verify(msg, new byte[10])).isFalse();
        assertThat(key.toString()).doesNotContain(UnpaddedBase64.encode(key.seed()));
    }

    @Test
    void verifyKeyRoundTripsThroughBase64() {
        VerifyKey vk = SigningKey.fromKeyFileLine("ed25519 1 " + SEED).verifyKey();
        assertThat(VerifyKey.fromBase64(vk.keyId(), vk.publicKeyBase64())).isEqualTo(vk);
        assertThat(vk.publicKeyBase64()).hasSize(43);
    }
}
