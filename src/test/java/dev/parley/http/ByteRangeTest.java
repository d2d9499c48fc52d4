package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static ByteRange.Outcome parse(String header) {
        return ByteRange.parse(Optional.ofNullable(header), 1000);
    }

    @Test
    void readsSingleRanges() {
        assertThat(parse("bytes=0-99")).isEqualTo(new ByteRange.Partial(new ByteRange(0, 99)));
        assertThat(parse("bytes=900-")).isEqualTo(new ByteRange.Partial(new ByteRange(900, 999)));
        assertThat(parse("bytes=-100")).isEqualTo(new ByteRange.Partial(new ByteRange(900, 999)));
        assertThat(parse("bytes=-5000")).isEqualTo(new ByteRange.Partial(new ByteRange(0, 999)));
        assertThat(parse("bytes=990-5000")).isEqualTo(new ByteRange.Partial(new ByteRange(990, 999)));
    }

    @Test
    void unsatisfiableRangesAreSaidSo() {
        assertThat(parse("bytes=1000-")).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(parse("bytes=-0")).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void anythingElseMeansTheWholeFile() {
        assertThat(parse(null)).isInstanceOf(ByteRange.Whole.class);
        assertThat(parse("bytes=0-1,5-6")).isInstanceOf(ByteRange.Whole.class);
        assertThat(parse("items=0-1")).isInstanceOf(ByteRange.Whole.class);
        assertThat(parse("bytes=9-3")).isInstanceOf(ByteRange.Whole.class);
        assertThat(parse("bytes=x-3")).isInstanceOf(ByteRange.Whole.class);
    }
}
