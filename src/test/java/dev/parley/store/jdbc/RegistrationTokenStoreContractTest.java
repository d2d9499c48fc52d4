package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.RegistrationTokenRow;
import dev.parley.testing.DialectDatabaseTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrationTokenStoreContractTest extends DialectDatabaseTest {
    private JdbcRegistrationTokenStore tokens;

    @BeforeEach
    void open() {
        tokens = new JdbcRegistrationTokenStore(db);
    }

    @Test
    void createsListsAndDeletes() {
        RegistrationTokenRow row = new RegistrationTokenRow("abc", Optional.of(3), 0, 0, Optional.of(5000L));
        assertThat(tokens.create(row)).isTrue();
        assertThat(tokens.create(row)).isFalse();
        assertThat(tokens.find("abc")).contains(row);
        assertThat(tokens.list()).containsExactly(row);
        assertThat(tokens.delete("abc")).isTrue();
        assertThat(tokens.find("abc")).isEmpty();
    }

    @Test
    void reservationsRespectUsesAndExpiry() {
        tokens.create(new RegistrationTokenRow("once", Optional.of(1), 0, 0, Optional.empty()));
        tokens.create(new RegistrationTokenRow("expired", Optional.empty(), 0, 0, Optional.of(1000L)));
        assertThat(tokens.reserve("expired", 2000L)).isFalse();
        assertThat(tokens.reserve("once", 2000L)).isTrue();
        assertThat(tokens.reserve("once", 2000L)).isFalse();
        tokens.release("once");
        assertThat(tokens.reserve("once", 2000L)).isTrue();
        tokens.complete("once");
        RegistrationTokenRow used = tokens.find("once").orElseThrow();
        assertThat(used.pending()).isZero();
        assertThat(used.completed()).isEqualTo(1);
        assertThat(used.isValid(2000L)).isFalse();
        assertThat(tokens.reserve("missing", 0L)).isFalse();
    }

    @Test
    void concurrentReservationsNeverExceedTheAllowance() throws Exception {
        tokens.create(new RegistrationTokenRow("five", Optional.of(5), 0, 0, Optional.empty()));
        List<Future<Boolean>> results = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                results.add(threads.submit(() -> tokens.reserve("five", 1L)));
            }
        }
        long won = 0;
        for (Future<Boolean> r : results) {
            won += r.get() ? 1 : 0;
        }
        assertThat(won).isEqualTo(5);
        assertThat(tokens.find("five").orElseThrow().pending()).isEqualTo(5);
    }
}
