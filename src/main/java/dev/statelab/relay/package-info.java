@NullMarked
package dev.statelab.relay;

import org.jspecify.annotations.NullMarked;
