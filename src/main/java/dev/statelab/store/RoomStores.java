package dev.statelab.store;

/** Where the relay gets its shared rooms; only present with {@code statelab.store=redis}. */
public interface RoomStores {

    SharedRooms rooms(int historySize, SharedRooms.Lifetimes lifetimes);
}
