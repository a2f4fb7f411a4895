package dev.statelab.relay;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the histories of all rooms hold together, against {@code max-history-bytes}. Over the bound, the
 * oldest messages of the largest history go first, down to 90% of it, so that a relay at its bound does
 * not scan every room on every message.
 */
final class HistoryBudget {

    private final AtomicLong total = new AtomicLong();
    private final long max;
    private final Object trimming = new Object();

    HistoryBudget(long max) {
        this.max = max;
    }

    long total() {
        return total.get();
    }

    void add(long bytes) {
        total.addAndGet(bytes);
    }

    /**
     * Trims when over the bound. Call it with no room locked: it locks one room at a time.
     *
     * @param trimmed called for each room it trimmed, with that room locked
     */
    void trimIfOver(Collection<Room> rooms, Consumer<Room> trimmed) {
        if (total.get() <= max) {
            return;
        }
        long target = max - max / 10;
        synchronized (trimming) {
            while (total.get() > target) {
                Room largest = null;
                long top = 0;
                long second = 0;
                for (Room room : rooms) {
                    long bytes = room.historyBytes();
                    if (bytes > top) {
                        second = top;
                        top = bytes;
                        largest = room;
                    } else if (bytes > second) {
                        second = bytes;
                    }
                }
                if (largest == null) {
                    return;
                }
                synchronized (largest) {
                    while (!largest.removed && total.get() > target && largest.historyBytes() > 0
                            && largest.historyBytes() >= second) {
                        total.addAndGet(-largest.dropOldest());
                    }
                    trimmed.accept(largest);
                }
            }
        }
    }
}
