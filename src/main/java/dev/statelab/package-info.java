/** The application: its start-up class; each feature lives in a package of its own below. */
@NullMarked
package dev.statelab;

import org.jspecify.annotations.NullMarked;
