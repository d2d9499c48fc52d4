package dev.parley.service.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class NotifierTest {
    private final Notifier notifier = new Notifier();
    private final UserId alice = UserId.parse("@alice:test.local");
    private final UserId bob = UserId.parse("@bob:test.local");
    private final RoomId room = RoomId.parse("!room:test.local");
    private final RoomId other = RoomId.parse("!other:test.local");

    @Test
    void aWaiterIsWokenByItsRoomsAndItsUserOnly() throws Exception {
        Notifier.Waiter byRoom = notifier.register(alice, List.of(room));
        Notifier.Waiter byUser = notifier.register(alice, List.of(other));
        notifier.roomChanged(other);
        notifier.userChanged(bob);
        assertThat(byRoom.await(Duration.ZERO)).isFalse();
        notifier.roomChanged(room);
        assertThat(byRoom.await(Duration.ZERO)).isTrue();
        notifier.cancel(byRoom);

        notifier.userChanged(alice);
        assertThat(byUser.await(Duration.ZERO)).isTrue();
        notifier.cancel(byUser);
    }

    @Test
    void aCancelledWaiterIsForgotten() throws Exception {
        Notifier.Waiter waiter = notifier.register(alice, List.of(room));
        notifier.cancel(waiter);
        notifier.roomChanged(room);
        assertThat(waiter.await(Duration.ZERO)).isFalse();
    }

    /**
     * The room's other waiters come and go while one registers: when the last of them cancelled
     * between the registration finding the room's set and adding to it, the set was unmapped and
     * the new waiter was never woken (one lost delivery in ten thousand under fan-out load).
     */
    @Test
    void aWaiterRegisteringWhileTheRoomsLastWaiterCancelsIsStillWoken() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread churn = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                notifier.cancel(notifier.register(bob, List.of(room)));
            }
        });
        int lost = 0;
        try {
            for (int i = 0; i < 200_000; i++) {
                Notifier.Waiter waiter = notifier.register(alice, List.of(room));
                notifier.roomChanged(room);
                if (!waiter.await(Duration.ZERO)) {
                    lost++;
                }
                notifier.cancel(waiter);
            }
        } finally {
            stop.set(true);
            churn.join();
        }
        assertThat(lost).as("waiters not woken by their room").isZero();
    }
}
