package dev.parley.service.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.error.MatrixException;
import org.junit.jupiter.api.Test;

class SyncTokenTest {
    @Test
    void roundTripsEveryStream() {
        SyncToken token = new SyncToken(12, 3, 45, 6, 1_700_000_000_123L, 7, 8);
        assertThat(token.toString()).isEqualTo("s12_3_45_6_1700000000123_7_8");
        assertThat(SyncToken.parse(token.toString())).isEqualTo(token);
    }

    @Test
    void olderTokensReadTheMissingStreamsAsZero() {
        assertThat(SyncToken.parse("s12")).isEqualTo(new SyncToken(12, 0, 0, 0, 0, 0, 0));
        assertThat(SyncToken.parse("s12_3")).isEqualTo(new SyncToken(12, 3, 0, 0, 0, 0, 0));
        // A six-field token from before device lists were tracked.
        assertThat(SyncToken.parse("s1_2_3_4_5_6")).isEqualTo(new SyncToken(1, 2, 3, 4, 5, 6, 0));
    }

    @Test
    void garbageIsRefused() {
        for (String bad : new String[] {"12_3", "s", "s1_2_3_4_5_6_7_8", "s1_-2", "s1__2", "sx"}) {
            assertThatThrownBy(() -> SyncToken.parse(bad)).as(bad).isInstanceOf(MatrixException.class)
                    .hasMessageContaining("Invalid sync token");
        }
    }
}
