package dev.statelab.compare;

import org.jspecify.annotations.Nullable;

/**
 * Where the FTP-style side's state lived during a run, and what sharing it cost.
 *
 * @param store                {@code memory} or {@code redis} ({@code statelab.store})
 * @param peer                 the second instance the run used, or null when none is configured
 * @param location             the Redis key of the last session seen, or a phrase naming this process's memory;
 *                             null when no session was seen
 * @param bytes                what the store held for that session ({@code MEMORY USAGE} in Redis)
 * @param roundTrips           round trips this instance made to the shared store during the run
 * @param ftpRequests          FTP-style requests this instance served during the run (probes included)
 * @param roundTripsPerRequest the one divided by the other
 */
public record StateLocation(String store, @Nullable String peer, @Nullable String location, long bytes,
                            long roundTrips, long ftpRequests, double roundTripsPerRequest) {
}
