package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.store.MediaRow;
import dev.parley.store.StoreException;
import dev.parley.store.ThumbnailRow;
import dev.parley.store.UrlPreviewRow;
import dev.parley.testing.DialectDatabaseTest;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediaStoreContractTest extends DialectDatabaseTest {
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    private JdbcMediaStore media;
    private JdbcUrlPreviewStore previews;
    private final ServerName here = ServerName.parse("example.org");
    private final ServerName remote = ServerName.parse("remote.example:8448");
    private final UserId alice = UserId.parse("@alice:example.org");
    private final UserId bob = UserId.parse("@bob:example.org");

    @BeforeEach
    void open() {
        media = new JdbcMediaStore(db);
        previews = new JdbcUrlPreviewStore(db);
    }

    private MediaRow uploaded(ServerName origin, String id, String hash) {
        return new MediaRow(origin, id, Optional.of(alice), Optional.of("image/png"), Optional.of("cat.png"),
                Optional.of(hash), Optional.of(1234L), 10L, Optional.of(10L), Optional.empty(), false, true);
    }

    private MediaRow reserved(String id, UserId user, long expires) {
        return new MediaRow(here, id, Optional.of(user), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 10L, Optional.empty(), Optional.of(expires), false, false);
    }

    @Test
    void storesAndFindsMediaByOriginAndId() {
        MediaRow local = uploaded(here, "abc", HASH_A);
        MediaRow cachedRemote = new MediaRow(remote, "abc", Optional.empty(), Optional.of("image/png"), Optional.empty(),
                Optional.of(HASH_B), Optional.of(9L), 11L, Optional.of(11L), Optional.empty(), false, false);
        media.create(local);
        media.create(cachedRemote);
        assertThat(media.find(here, "abc")).contains(local);
        assertThat(media.find(remote, "abc")).contains(cachedRemote);
        assertThat(media.find(here, "nope")).isEmpty();
    }

    @Test
    void aDuplicateMediaIdIsRefusedAndTheFirstKept() {
        media.create(uploaded(here, "dup", HASH_A));
        assertThatThrownBy(() -> media.create(uploaded(here, "dup", HASH_B))).isInstanceOf(StoreException.class);
        assertThat(media.find(here, "dup").orElseThrow().sha256()).contains(HASH_A);
    }

    @Test
    void aReservedItemGetsItsContentExactlyOnce() {
        media.create(reserved("r1", alice, 1000L));
        assertThat(media.find(here, "r1").orElseThrow().uploaded()).isFalse();
        assertThat(media.completeUpload(here, "r1", "text/plain", Optional.of("a.txt"), HASH_A, 5L, 20L)).isTrue();
        assertThat(media.completeUpload(here, "r1", "text/plain", Optional.empty(), HASH_B, 6L, 21L)).isFalse();
        MediaRow row = media.find(here, "r1").orElseThrow();
        assertThat(row.sha256()).contains(HASH_A);
        assertThat(row.sizeBytes()).contains(5L);
        assertThat(row.uploadName()).contains("a.txt");
        assertThat(row.unusedExpiresTs()).isEmpty();
        assertThat(media.completeUpload(here, "missing", "text/plain", Optional.empty(), HASH_A, 1L, 1L)).isFalse();
    }

    @Test
    void countsAndExpiresPendingReservationsPerUser() {
        media.create(reserved("p1", alice, 100L));
        media.create(reserved("p2", alice, 200L));
        media.create(reserved("p3", bob, 200L));
        media.create(uploaded(here, "done", HASH_A));
        assertThat(media.countPending(alice, 50L)).isEqualTo(2);
        assertThat(media.countPending(alice, 150L)).isEqualTo(1);
        assertThat(media.deleteExpiredPending(150L)).isEqualTo(1);
        assertThat(media.find(here, "p1")).isEmpty();
        assertThat(media.find(here, "p2")).isPresent();
        assertThat(media.find(here, "done")).isPresent();
    }

    @Test
    void quarantinesAndReleases() {
        media.create(uploaded(here, "q", HASH_A));
        assertThat(media.setQuarantined(here, "q", true)).isTrue();
        assertThat(media.find(here, "q").orElseThrow().quarantined()).isTrue();
        assertThat(media.setQuarantined(here, "q", false)).isTrue();
        assertThat(media.find(here, "q").orElseThrow().quarantined()).isFalse();
        assertThat(media.setQuarantined(here, "unknown", true)).isFalse();
    }

    @Test
    void keepsTheFirstThumbnailOfAKey() {
        media.create(uploaded(here, "t", HASH_A));
        ThumbnailRow first = new ThumbnailRow(here, "t", 96, 96, "crop", false, "image/png", HASH_B, 77L, 96, 96, 5L);
        media.saveThumbnail(first);
        media.saveThumbnail(new ThumbnailRow(here, "t", 96, 96, "crop", false, "image/jpeg", HASH_A, 88L, 96, 96, 6L));
        assertThat(media.findThumbnail(here, "t", 96, 96, "crop", false)).contains(first);
        assertThat(media.findThumbnail(here, "t", 96, 96, "crop", true)).isEmpty();
        assertThat(media.findThumbnail(here, "t", 96, 96, "scale", false)).isEmpty();
    }

    @Test
    void aThumbnailOfUnknownMediaIsRefused() {
        assertThatThrownBy(() -> media.saveThumbnail(
                new ThumbnailRow(here, "ghost", 32, 32, "crop", false, "image/png", HASH_A, 1L, 32, 32, 1L)))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void servesTheNewestUnexpiredPreviewAtOrBeforeATime() {
        previews.save(new UrlPreviewRow("https://a.example/", 100L, 1100L, "{\"og:title\":\"old\"}"));
        previews.save(new UrlPreviewRow("https://a.example/", 500L, 1500L, "{\"og:title\":\"new\"}"));
        assertThat(previews.latest("https://a.example/", 600L, 600L).orElseThrow().ogJson()).contains("new");
        assertThat(previews.latest("https://a.example/", 300L, 600L).orElseThrow().ogJson()).contains("old");
        assertThat(previews.latest("https://a.example/", 1200L, 1200L).orElseThrow().ogJson()).contains("new");
        assertThat(previews.latest("https://a.example/", 50L, 600L)).isEmpty();
        assertThat(previews.latest("https://b.example/", 600L, 600L)).isEmpty();
        assertThat(previews.deleteExpired(1200L)).isEqualTo(1);
        assertThat(previews.latest("https://a.example/", 300L, 600L)).isEmpty();
    }
}
