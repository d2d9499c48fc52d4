package dev.parley.service.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamPositionsTest {
    @Test
    void theCurrentPositionNeverPassesAWriteStillInFlight() {
        StreamPositions positions = new StreamPositions(10);
        long a = positions.allocate();
        long b = positions.allocate();
        long c = positions.allocate();
        assertThat(positions.current()).isEqualTo(10);
        positions.done(c);
        assertThat(positions.current()).as("11 and 12 still being written").isEqualTo(10);
        positions.done(a);
        assertThat(positions.current()).isEqualTo(11);
        positions.done(b);
        assertThat(positions.current()).isEqualTo(13);
        assertThat(positions.allocate()).isEqualTo(14);
    }
}
