package dev.parley.core.id;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spec appendix "Server Name". */
class ServerNameTest {
    @ParameterizedTest
    @ValueSource(strings = {
            // The appendix's own examples.
            "matrix.org", "matrix.org:8888", "1.2.3.4", "1.2.3.4:1234", "[1234:5678::abcd]", "[1234:5678::abcd]:5678",
            "localhost", "MATRIX.ORG", "a-b.c", "x", "example.com:1", "example.com:65535", "example.com:99999",
            "[::1]", "[::]", "[1:2:3:4:5:6:7:8]", "[::ffff:1.2.3.4]", "[1:2:3:4:5:6:1.2.3.4]", "[ABCD::EF01]:443",
            "1.2.3", "1.2.3.4.5", "255.255.255.255", "0.0.0.0",
    })
    void valid(String name) {
        assertThat(ServerName.isValid(name)).isTrue();
        assertThat(ServerName.parse(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", ":8448", "matrix.org:", "matrix.org:123456", "matrix.org:80a", "matrix.org:-1", "exa mple.org",
            "exam_ple.org", "example.org/path", "ex\u00e4mple.org", "1.2.3.256", "999.1.1.1",
            "[1234:5678::abcd", "[]", "[:]", "[1:2:3:4:5:6:7:8:9]", "[1::2::3]", "[12345::]", "[g::]",
            "[::1]x", "[::1]:", "[1.2.3.4]", "[::1.2.3]", "[::256.1.1.1]", "1234:5678::abcd", "a:b:c",
    })
    void invalid(String name) {
        assertThat(ServerName.isValid(name)).isFalse();
        assertThatThrownBy(() -> ServerName.parse(name))
                .isInstanceOf(MatrixException.class)
                .extracting(e -> ((MatrixException) e).errCode()).isEqualTo(ErrCode.INVALID_PARAM);
    }

    @Test
    void dnsNameIsAtMost255Characters() {
        String max = "a".repeat(255);
        assertThat(ServerName.isValid(max)).isTrue();
        assertThat(ServerName.isValid(max + ":8448")).isTrue();
        assertThat(ServerName.isValid("a".repeat(256))).isFalse();
    }

    @Test
    void hostAndPort() {
        assertThat(ServerName.parse("matrix.org").host()).isEqualTo("matrix.org");
        assertThat(ServerName.parse("matrix.org").port()).isEqualTo(OptionalInt.empty());
        assertThat(ServerName.parse("matrix.org:8888").port()).isEqualTo(OptionalInt.of(8888));
        assertThat(ServerName.parse("[1234:5678::abcd]:5678").host()).isEqualTo("[1234:5678::abcd]");
        assertThat(ServerName.parse("[1234:5678::abcd]:5678").port()).isEqualTo(OptionalInt.of(5678));
        assertThat(ServerName.parse("[::1]").port()).isEmpty();
        assertThat(ServerName.parse("[::1]").isIpLiteral()).isTrue();
        assertThat(ServerName.parse("1.2.3.4:5").isIpLiteral()).isTrue();
        assertThat(ServerName.parse("1.2.3").isIpLiteral()).isFalse();
    }

    @Test
    void comparedCaseSensitively() {
        assertThat(ServerName.parse("matrix.org")).isNotEqualTo(ServerName.parse("MATRIX.ORG"));
    }
}
