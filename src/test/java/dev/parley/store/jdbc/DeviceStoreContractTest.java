package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.id.UserId;
import dev.parley.store.DeviceRow;
import dev.parley.store.DeviceStore.LastSeen;
import dev.parley.testing.DialectDatabaseTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceStoreContractTest extends DialectDatabaseTest {
    private JdbcDeviceStore devices;
    private final UserId alice = UserId.parse("@alice:example.org");

    @BeforeEach
    void open() {
        createUsers(alice);
        devices = new JdbcDeviceStore(db);
    }

    @Test
    void createsListsAndRenamesDevices() {
        assertThat(devices.create(DeviceRow.create(alice, "PHONE", Optional.of("My phone"), 10L))).isTrue();
        assertThat(devices.create(DeviceRow.create(alice, "PHONE", Optional.of("Other"), 11L))).isFalse();
        devices.create(DeviceRow.create(alice, "LAPTOP", Optional.empty(), 12L));
        assertThat(devices.list(alice)).extracting(DeviceRow::deviceId).containsExactly("LAPTOP", "PHONE");
        assertThat(devices.find(alice, "PHONE").orElseThrow().displayName()).contains("My phone");
        assertThat(devices.setDisplayName(alice, "LAPTOP", Optional.of("Work"))).isTrue();
        assertThat(devices.setDisplayName(alice, "NOPE", Optional.of("x"))).isFalse();
        assertThat(devices.find(alice, "LAPTOP").orElseThrow().displayName()).contains("Work");
    }

    @Test
    void recordsLastSeenInOneBatch() {
        devices.create(DeviceRow.create(alice, "PHONE", Optional.empty(), 10L));
        devices.recordLastSeen(List.of(new LastSeen(alice, "PHONE", 99L, "10.0.0.1", "Element"),
                new LastSeen(alice, "GONE", 99L, "10.0.0.2", "x")));
        DeviceRow row = devices.find(alice, "PHONE").orElseThrow();
        assertThat(row.lastSeenTs()).contains(99L);
        assertThat(row.lastSeenIp()).contains("10.0.0.1");
        assertThat(row.lastSeenUserAgent()).contains("Element");
    }

    @Test
    void deletesChosenDevicesOrAllButOne() {
        for (String id : List.of("A", "B", "C")) {
            devices.create(DeviceRow.create(alice, id, Optional.empty(), 1L));
        }
        devices.delete(alice, List.of("A", "UNKNOWN"));
        assertThat(devices.list(alice)).extracting(DeviceRow::deviceId).containsExactly("B", "C");
        devices.deleteAllExcept(alice, Optional.of("C"));
        assertThat(devices.list(alice)).extracting(DeviceRow::deviceId).containsExactly("C");
        devices.deleteAllExcept(alice, Optional.empty());
        assertThat(devices.list(alice)).isEmpty();
    }
}
