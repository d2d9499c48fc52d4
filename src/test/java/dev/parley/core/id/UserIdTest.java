package dev.parley.core.id;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spec appendix "User Identifiers" and "Historical User IDs". */
class UserIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"@alice:example.org", "@a.b_c=d-e/f+g:matrix.org", "@0:1.2.3.4:8448",
            "@bob:[::1]:8448", "@x:[1234:5678::abcd]"})
    void strictlyValid(String id) {
        UserId user = UserId.parse(id);
        assertThat(user.value()).isEqualTo(id);
        assertThat(user.isStrictlyValid()).isTrue();
        assertThat(user.isHistorical()).isFalse();
        assertThat(user.isCompliant()).isTrue();
        assertThat(UserId.parseStrict(id)).isEqualTo(user);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@Alice:example.org", "@a!b:example.org", "@a b:example.org", "@é:example.org",
            "@:example.org", "@\u0001:example.org", "@\uD83D\uDE00:example.org", "@[x]:example.org"})
    void historicalButAccepted(String id) {
        UserId user = UserId.parse(id);
        assertThat(UserId.isValid(id)).isTrue();
        assertThat(user.isHistorical()).isTrue();
        assertThat(user.isStrictlyValid()).isFalse();
        assertThatThrownBy(() -> UserId.parseStrict(id)).isInstanceOf(MatrixException.class);
    }

    @Test
    void complianceIsAboutU0021ToU007E() {
        assertThat(UserId.parse("@Alice!:example.org").isCompliant()).isTrue();
        assertThat(UserId.parse("@a b:example.org").isCompliant()).isFalse();
        assertThat(UserId.parse("@:example.org").isCompliant()).isFalse();
        assertThat(UserId.parse("@é:example.org").isCompliant()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice:example.org", "@alice", "@alice:", "@alice:exa mple.org", "@a\u0000b:example.org",
            "@a\uD800b:example.org", "#alice:example.org", "", "@alice:example.org:notaport"})
    void invalid(String id) {
        assertThat(UserId.isValid(id)).isFalse();
        assertThatThrownBy(() -> UserId.parse(id)).isInstanceOf(MatrixException.class)
                .extracting(e -> ((MatrixException) e).errCode()).isEqualTo(ErrCode.INVALID_PARAM);
    }

    @Test
    void firstColonSeparatesTheServerName() {
        UserId user = UserId.parse("@alice:example.org:8448");
        assertThat(user.localpart()).isEqualTo("alice");
        assertThat(user.server().value()).isEqualTo("example.org:8448");
    }

    @Test
    void at255BytesIncludingSigilAndDomain() {
        String domain = ":example.org";
        String fits = "@" + "a".repeat(255 - 1 - domain.length()) + domain;
        assertThat(fits).hasSize(255);
        assertThat(UserId.isValid(fits)).isTrue();
        assertThat(UserId.parse(fits).value()).isEqualTo(fits);
        String tooLong = "@" + "a".repeat(256 - 1 - domain.length()) + domain;
        assertThat(UserId.isValid(tooLong)).isFalse();
        assertThatThrownBy(() -> UserId.parse(tooLong)).isInstanceOf(MatrixException.class);
    }

    @Test
    void limitCountsUtf8Bytes() {
        String domain = ":example.org";
        // 'é' is two UTF-8 bytes: 121 of them are 242 bytes, + 13 = 255.
        String fits = "@" + "é".repeat(121) + domain;
        assertThat(UserId.isValid(fits)).isTrue();
        assertThat(UserId.isValid("@" + "é".repeat(122) + domain)).isFalse();
    }

    @Test
    void recordComponentsAreValidated() {
        assertThatThrownBy(() -> new UserId("a:b", ServerName.parse("x"))).isInstanceOf(MatrixException.class);
        assertThat(new UserId("a", ServerName.parse("x")).toString()).isEqualTo("@a:x");
    }
}
