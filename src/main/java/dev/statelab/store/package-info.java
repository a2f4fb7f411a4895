/**
 * Where shared state lives: {@code statelab.store=memory} (this process, the default) or {@code redis}
 * (one Redis that every instance uses). Features see small interfaces of their own; the Redis client
 * stays in this package.
 */
@NullMarked
package dev.statelab.store;

import org.jspecify.annotations.NullMarked;
