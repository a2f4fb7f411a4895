package dev.statelab.relay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;

/**
 * How many new rooms one connection, and one IP address, may open. Joining a room that exists is free;
 * a flood of throwaway rooms stops at whoever floods, not at everyone after them.
 */
final class NewRoomQuota {

    private final RelayProperties limits;
    // an address's window, kept while it is in use; one left alone for a whole window is full again anyway
    private final Cache<String, Bucket> byAddress;

    NewRoomQuota(RelayProperties limits) {
        this.limits = limits;
        this.byAddress = Caffeine.newBuilder().expireAfterAccess(limits.newRoomsWindow()).maximumSize(100_000).build();
    }

    Relay.NewRoomPermit permitFor(Connection connection) {
        return () -> {
            if (connection.roomsCreated() >= limits.newRoomsPerConnection()) {
                return false;
            }
            Bucket bucket = byAddress.get(connection.host(), host -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(limits.newRoomsPerAddress())
                            .refillGreedy(limits.newRoomsPerAddress(), limits.newRoomsWindow()))
                    .build());
            if (!bucket.tryConsume(1)) {
                return false;
            }
            connection.roomCreated();
            return true;
        };
    }
}
