@NullMarked
package dev.statelab.users;

import org.jspecify.annotations.NullMarked;
