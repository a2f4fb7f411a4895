package dev.statelab.files;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * One lock per path while someone holds it: the commit step of a write (check the precondition,
 * rename), an append, a delete and both ends of a move run under the locks of the paths they change,
 * so two conditional writers cannot both pass the check and a move cannot slip between a check and its
 * rename. Locks are taken in a fixed order (deadlock-free) and dropped from the map when released, so
 * memory follows the operations in flight, not the number of files. Unlike a fixed set of stripes, a
 * long append to one file never blocks writers of an unrelated one.
 */
final class PathLocks {

    private final ConcurrentHashMap<Path, Entry> held = new ConcurrentHashMap<>();

    /** Holds a set of locks until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    Held lock(Path... paths) {
        List<Path> ordered = Stream.of(paths).map(Path::normalize).distinct().sorted().toList();
        for (Path path : ordered) {
            held.compute(path, (key, entry) -> {
                Entry e = entry == null ? new Entry() : entry;
                e.users++;
                return e;
            }).lock.lock();
        }
        return () -> {
            for (int i = ordered.size() - 1; i >= 0; i--) {
                held.computeIfPresent(ordered.get(i), (key, entry) -> {
                    entry.lock.unlock();
                    return --entry.users == 0 ? null : entry;
                });
            }
        };
    }
}
