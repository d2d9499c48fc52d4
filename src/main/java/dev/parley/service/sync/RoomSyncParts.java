package dev.parley.service.sync;

import dev.parley.service.accountdata.AccountDataService;
import dev.parley.service.room.EventFormatter;
import dev.parley.service.room.EventPipeline;
import dev.parley.service.room.HistoryVisibility;
import dev.parley.service.room.StateGroups;
import dev.parley.store.RoomStore;

/** The room-side collaborators both sync flavours read through. */
public record RoomSyncParts(RoomStore rooms, RoomSections sections, StateGroups stateGroups, HistoryVisibility visibility,
                            EventFormatter formatter, EventPipeline pipeline, AccountDataService accountData) {
}
