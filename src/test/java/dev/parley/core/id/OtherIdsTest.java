package dev.parley.core.id;

import dev.parley.core.error.MatrixException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spec appendix "Room IDs", "Room Aliases", "Event IDs", and key IDs. */
class OtherIdsTest {
    private static final String HASH_URL = "Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ";
    private static final String HASH_STD = "acR1l0raoZnm60CBwAVgqbZqoO/mYU81xysh1u7XcJk";

    @ParameterizedTest
    @ValueSource(strings = {"!abc:example.org", "!jEsUZKDJdhlrceRyVU:example.org", "!:example.org",
            "!a b\u0001é:example.org", "!x:[::1]:8448", "!" + HASH_URL})
    void validRoomIds(String id) {
        assertThat(RoomId.isValid(id)).isTrue();
        assertThat(RoomId.parse(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc:example.org", "!abc", "!abc:", "!a\u0000:example.org", "!" + HASH_STD,
            "!" + HASH_URL + "A", "$" + HASH_URL, "!abc:bad server"})
    void invalidRoomIds(String id) {
        assertThat(RoomId.isValid(id)).isFalse();
        assertThatThrownBy(() -> RoomId.parse(id)).isInstanceOf(MatrixException.class);
    }

    @Test
    void roomIdForms() {
        RoomId classic = RoomId.parse("!abc:example.org");
        assertThat(classic.hasDomain()).isTrue();
        assertThat(classic.domain()).contains(ServerName.parse("example.org"));
        assertThat(classic.createEventId()).isEmpty();

        RoomId v12 = RoomId.fromCreateEventId(EventId.parse("$" + HASH_URL));
        assertThat(v12.value()).isEqualTo("!" + HASH_URL);
        assertThat(v12.hasDomain()).isFalse();
        assertThat(v12.domain()).isEmpty();
        assertThat(v12.createEventId()).contains(EventId.parse("$" + HASH_URL));
    }

    @Test
    void roomIdIsAtMost255Bytes() {
        String domain = ":example.org";
        assertThat(RoomId.isValid("!" + "a".repeat(255 - 1 - domain.length()) + domain)).isTrue();
        assertThat(RoomId.isValid("!" + "a".repeat(256 - 1 - domain.length()) + domain)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$a4ecee13e2accdadf56c1025:example.com", "$0:domain", "$" + HASH_STD, "$" + HASH_URL,
            "$CD66HAED5npg6074c6pDtLKalHjVfYb2q4Q3LZgrW6o", "$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg"})
    void validEventIds(String id) {
        assertThat(EventId.isValid(id)).isTrue();
        assertThat(EventId.parse(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc:example.org", "$", "$abc", "$" + HASH_URL + "x", "$a+b-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$a:", "$a:bad host", "$" + HASH_URL + "=", "!" + HASH_URL})
    void invalidEventIds(String id) {
        assertThat(EventId.isValid(id)).isFalse();
        assertThatThrownBy(() -> EventId.parse(id)).isInstanceOf(MatrixException.class);
    }

    @Test
    void eventIdAlphabets() {
        EventId std = EventId.parse("$" + HASH_STD);
        assertThat(std.isStandardBase64Hash()).isTrue();
        assertThat(std.isUrlSafeBase64Hash()).isFalse();
        EventId url = EventId.parse("$" + HASH_URL);
        assertThat(url.isUrlSafeBase64Hash()).isTrue();
        assertThat(url.isStandardBase64Hash()).isFalse();
        EventId both = EventId.parse("$CD66HAED5npg6074c6pDtLKalHjVfYb2q4Q3LZgrW6o");
        assertThat(both.isStandardBase64Hash()).isTrue();
        assertThat(both.isUrlSafeBase64Hash()).isTrue();
        EventId v1 = EventId.parse("$abc:example.org");
        assertThat(v1.hasDomain()).isTrue();
        assertThat(v1.domain()).contains(ServerName.parse("example.org"));
        assertThat(v1.isStandardBase64Hash()).isFalse();
    }

    @Test
    void eventIdIsAtMost255Bytes() {
        String domain = ":example.org";
        assertThat(EventId.isValid("$" + "a".repeat(255 - 1 - domain.length()) + domain)).isTrue();
        assertThat(EventId.isValid("$" + "a".repeat(256 - 1 - domain.length()) + domain)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#room:example.org", "#:example.org", "#a b é:example.org:8448", "#x:[::1]"})
    void validAliases(String alias) {
        assertThat(RoomAlias.isValid(alias)).isTrue();
        assertThat(RoomAlias.parse(alias).value()).isEqualTo(alias);
    }

    @ParameterizedTest
    @ValueSource(strings = {"room:example.org", "#room", "#ro\u0000om:example.org", "#room:", "@room:example.org"})
    void invalidAliases(String alias) {
        assertThat(RoomAlias.isValid(alias)).isFalse();
        assertThatThrownBy(() -> RoomAlias.parse(alias)).isInstanceOf(MatrixException.class);
    }

    @Test
    void aliasIsAtMost255Bytes() {
        String domain = ":example.org";
        assertThat(RoomAlias.isValid("#" + "a".repeat(255 - 1 - domain.length()) + domain)).isTrue();
        assertThat(RoomAlias.isValid("#" + "a".repeat(256 - 1 - domain.length()) + domain)).isFalse();
    }

    @Test
    void deviceIds() {
        assertThat(DeviceId.parse("ABCDEFGHIJ").value()).isEqualTo("ABCDEFGHIJ");
        assertThat(DeviceId.isValid("dev:ice/1")).isTrue();
        assertThat(DeviceId.isValid("")).isFalse();
        assertThat(DeviceId.isValid("a\u0000")).isFalse();
        assertThat(DeviceId.isValid("x".repeat(256))).isFalse();
        assertThatThrownBy(() -> DeviceId.parse("")).isInstanceOf(MatrixException.class);
    }

    @Test
    void keyIds() {
        KeyId id = KeyId.parse("ed25519:a_AbC");
        assertThat(id.algorithm()).isEqualTo("ed25519");
        assertThat(id.version()).isEqualTo("a_AbC");
        assertThat(id.value()).isEqualTo("ed25519:a_AbC");
        assertThat(id.hasServerKeyVersion()).isTrue();
        assertThat(KeyId.parse("ed25519:DEVICE:X").version()).isEqualTo("DEVICE:X");
        assertThat(KeyId.parse("signed_curve25519:AAAAHg").hasServerKeyVersion()).isTrue();
        assertThat(KeyId.parse("ed25519:a-b").hasServerKeyVersion()).isFalse();
        assertThat(KeyId.isValid("ed25519")).isFalse();
        assertThat(KeyId.isValid(":x")).isFalse();
        assertThat(KeyId.isValid("ed25519:")).isFalse();
        assertThatThrownBy(() -> KeyId.parse("ed25519")).isInstanceOf(MatrixException.class);
        assertThatThrownBy(() -> KeyId.parse("ed25519:")).isInstanceOf(MatrixException.class);
    }
}
