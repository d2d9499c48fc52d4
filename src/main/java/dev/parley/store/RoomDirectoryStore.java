package dev.parley.store;

import java.util.List;

/** The published room directory (Client-Server API, "Published room directory"). */
public interface RoomDirectoryStore {
    /**
     * Every published room with the contents of the state events the directory shows
     * ({@link PublishedRoom#STATE_TYPES}, empty state key) and its joined member count.
     */
    List<PublishedRoom> publishedRooms();
}
