package dev.parley.service.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersions;
import dev.parley.store.RoomRow;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class RoomHeadsTest {
    private final RoomLocks locks = new RoomLocks();
    private final RoomHeads heads = new RoomHeads(locks, 4);

    private static RoomHead head(RoomId room) {
        return RoomHead.empty(new RoomRow(room, RoomVersions.V11, UserId.parse("@a:example.org"), 0, false));
    }

    private static RoomId room(int i) {
        return RoomId.parse("!room" + i + ":example.org");
    }

    @Test
    void dropsTheLeastRecentlyUsedIdleHeadsWhenFull() {
        for (int i = 0; i < 4; i++) {
            heads.put(room(i), head(room(i)));
        }
        heads.get(room(0));
        heads.put(room(4), head(room(4)));

        assertThat(heads.size()).isEqualTo(3);
        assertThat(heads.get(room(0))).as("used lately").isNotNull();
        assertThat(heads.get(room(4))).as("just added").isNotNull();
        assertThat(heads.get(room(1))).as("oldest").isNull();
        assertThat(heads.get(room(2))).isNull();
    }

    @Test
    void keepsHeadsWithWritesInFlight() {
        for (int i = 0; i < 4; i++) {
            RoomHead head = head(room(i));
            head.lastNotified = new CompletableFuture<>();
            heads.put(room(i), head);
        }
        heads.put(room(4), head(room(4)));

        assertThat(heads.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(heads.get(room(i))).isNotNull();
        }
    }

    @Test
    void keepsTheHeadOfARoomSomeoneElseIsBuildingIn() throws Exception {
        for (int i = 0; i < 4; i++) {
            heads.put(room(i), head(room(i)));
        }
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread builder = Thread.ofVirtual().start(() -> {
            ReentrantLock lock = locks.of(room(0));
            lock.lock();
            try {
                locked.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        locked.await();
        heads.put(room(4), head(room(4)));
        release.countDown();
        builder.join();

        assertThat(heads.get(room(0))).as("locked by another thread").isNotNull();
        assertThat(heads.size()).isEqualTo(3);
    }
}
